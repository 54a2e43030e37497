import FoundationEssentials
import KillPolicy
import MemSense

/// The kill policy a command uses, and where it came from: `--config FILE` when given, else the
/// installed `/etc/fastoomd/policy.json` when it exists, else the built-in copy of
/// config/policy.json. Only the file's `kill_policy` section is read; the other modules'
/// sections are theirs.
struct KillPolicyFile {
    static let installedPath = "/etc/fastoomd/policy.json"
    /// How `origin` reads when the built-in policy is used.
    static let builtInOrigin = "built-in (config/policy.json)"

    let policy: Policy
    /// The file's path, or `builtInOrigin`.
    let origin: String

    /// Why a policy file could not be used: the path and what is wrong, every problem listed.
    struct LoadError: Error, CustomStringConvertible {
        let description: String
    }

    /// The whole configuration file, reduced to the section KillPolicy owns.
    private struct Sections: Decodable {
        var killPolicy: KillPolicyConfig?

        enum CodingKeys: String, CodingKey {
            case killPolicy = "kill_policy"
        }
    }

    /// - Parameter installedPath: where an installed policy is looked for (a test points it elsewhere).
    static func load(configPath: String?, installedPath: String = installedPath) throws(LoadError) -> KillPolicyFile {
        if let configPath { return try load(path: configPath, bytes: read(configPath)) }
        if (try? PlainFile.status(of: installedPath)) != nil {
            return try load(path: installedPath, bytes: read(installedPath))
        }
        return try load(path: builtInOrigin, bytes: Array(ShippedPolicy.json.utf8))
    }

    static func load(path: String, bytes: [UInt8]) throws(LoadError) -> KillPolicyFile {
        let sections: Sections
        do {
            sections = try JSONDecoder().decode(Sections.self, from: Data(bytes))
        } catch {
            throw LoadError(description: "\(path): not a JSON object: \(error)")
        }
        guard let config = sections.killPolicy else {
            throw LoadError(description: "\(path): no \"kill_policy\" section")
        }
        do {
            return KillPolicyFile(policy: try Policy(validating: config), origin: path)
        } catch {
            throw LoadError(description: "\(path): \(error)")
        }
    }

    /// A policy file is a few kilobytes; anything past this is not one.
    private static let limitBytes = 1 << 20

    private static func read(_ path: String) throws(LoadError) -> [UInt8] {
        do {
            return try PlainFile.contents(of: path, limitBytes: limitBytes)
        } catch {
            throw LoadError(description: error.description)
        }
    }
}
