import KillPolicy
import MemSense
import TestSupport

let kib: UInt64 = 1 << 10
let mib: UInt64 = 1 << 20
let gib: UInt64 = 1 << 30
let nodeMemoryBytes = 16 * gib
/// fastoomd's PID in the tables of these tests.
let ownPID: Int32 = 4242

/// A process of a test table: anonymous memory unless told otherwise.
func process(
    _ pid: Int32, _ comm: String, start: UInt64 = 1_000, anonBytes: UInt64 = 10 * mib, fileBytes: UInt64 = 0,
    oomScore: Int32 = 0, oomScoreAdj: Int32 = 0, processGroupID: Int32? = nil, cgroupPath: String = "/user.slice",
    commandLine: [String] = [], executablePath: String? = nil, uid: UInt32 = 1000, state: Character = "S",
    namespacePID: Int32? = nil, isKernelThread: Bool = false
) -> ProcessSnapshot {
    ProcessSnapshot(
        identity: ProcessIdentity(pid: pid, startTimeTicks: start), processGroupID: processGroupID ?? pid, comm: comm,
        state: state, commandLine: commandLine, executablePath: executablePath, uid: uid,
        residentBytes: anonBytes + fileBytes, residentAnonBytes: anonBytes, residentFileBytes: fileBytes,
        oomScore: oomScore, oomScoreAdj: oomScoreAdj, cgroupPath: cgroupPath, namespacePID: namespacePID,
        isKernelThread: isKernelThread)
}

func ranking(_ table: [ProcessSnapshot], _ policy: Policy) -> Ranking {
    Ranking(of: table, policy: policy, ownPID: ownPID, memoryTotalBytes: nodeMemoryBytes)
}

extension Ranking {
    var candidatePIDs: [Int32] { candidates.map(\.process.pid) }
    var excludedPIDs: [Int32] { excluded.map(\.process.pid) }

    func reason(excluding pid: Int32) -> Exclusion.Reason? {
        excluded.first { $0.process.pid == pid }?.reason
    }
}

/// A whole configuration file: fastoomd's top level reads each module's section and ignores the
/// others, as this does.
struct PolicyFile: Codable {
    var killPolicy: KillPolicyConfig

    enum CodingKeys: String, CodingKey {
        case killPolicy = "kill_policy"
    }
}

func loadPolicy(fromJSON text: String) throws -> Policy {
    try Policy(validating: JSON.decode(PolicyFile.self, from: text.utf8).killPolicy)
}

/// The problems `Policy(validating:)` lists for a file, or [] when it loads.
func issues(ofJSON text: String) throws -> [ConfigIssue] {
    do {
        _ = try loadPolicy(fromJSON: text)
        return []
    } catch let error as KillPolicyError {
        guard case .invalidConfig(let issues) = error else { return [] }
        return issues
    }
}

func shippedPolicyText() throws -> String {
    let bytes = try PlainFile.contents(of: FixturePaths.packageRoot + "/config/policy.json", limitBytes: 1 << 20)
    return String(decoding: bytes, as: UTF8.self)
}

/// Every ordering of `items` (Heap's algorithm).
func permutations<T>(of items: [T]) -> [[T]] {
    var items = items
    var result: [[T]] = []
    func generate(_ count: Int) {
        guard count > 1 else {
            result.append(items)
            return
        }
        for index in 0..<count {
            generate(count - 1)
            if index < count - 1 {
                items.swapAt(count % 2 == 0 ? index : 0, count - 1)
            }
        }
    }
    generate(items.count)
    return result
}
