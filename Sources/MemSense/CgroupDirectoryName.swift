/// What a directory of the memory hierarchy is, told by its name alone: a Kubernetes pod, a
/// container, or a plain group to look inside.
///
///     pod74c13223-5a00-11e9-b385-42010a80018d                              kubelet, cgroupfs driver
///     kubepods-burstable-pod7a96c459_d529_44ae_9f99_90d3798d6426.slice     kubelet, systemd driver
///     34dc0b5e626f2c5c4c5170e34b10e7654ce36f0fcd532739f4445baabea03376     containerd or Docker, cgroupfs
///     cri-containerd-<64 hex>.scope, crio-<64 hex>.scope, docker-<64 hex>.scope   systemd driver
///
/// The systemd driver writes a pod UID with `_` for `-` (a `-` nests slices), so the UID is
/// given back with dashes. `crio-conmon-<id>` is CRI-O's monitor process, not a container.
public enum CgroupDirectoryName: Sendable, Equatable {
    case pod(uid: String)
    case container(id: String)
    case plain

    static let containerPrefixes = ["cri-containerd-", "crio-", "docker-", "containerd-"]

    public init(_ name: String) {
        if let uid = Self.podUID(in: name) {
            self = .pod(uid: uid)
        } else if let id = Self.containerID(in: name) {
            self = .container(id: id)
        } else {
            self = .plain
        }
    }

    private static func podUID(in name: String) -> String? {
        var base = Substring(name)
        if base.hasSuffix(".slice") {
            base = base.dropLast(".slice".count)
            if let dash = base.lastIndex(of: "-") { base = base[base.index(after: dash)...] }
        }
        guard base.hasPrefix("pod") else { return nil }
        let uid = String(base.dropFirst(3).map { $0 == "_" ? "-" : $0 })
        return isPodUID(uid) ? uid : nil
    }

    private static func containerID(in name: String) -> String? {
        var base = Substring(name)
        if base.hasSuffix(".scope") { base = base.dropLast(".scope".count) }
        if let prefix = containerPrefixes.first(where: { base.hasPrefix($0) }) { base = base.dropFirst(prefix.count) }
        return base.utf8.count == 64 && isHex(base) ? String(base) : nil
    }

    /// A UUID (`8-4-4-4-12` hex digits), or 32 hex digits: the UID kubelet gives a static pod
    /// (a hash of its manifest).
    static func isPodUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        if bytes.count == 32 { return isHex(Substring(text)) }
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            let isDashPosition = index == 8 || index == 13 || index == 18 || index == 23
            guard isDashPosition ? byte == UInt8(ascii: "-") : isHexDigit(byte) else { return false }
        }
        return true
    }

    private static func isHex(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(isHexDigit)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
