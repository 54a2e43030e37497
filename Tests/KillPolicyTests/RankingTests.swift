import KillPolicy
import MemSense
import TestSupport
import Testing

@Suite struct RankingTests {
    let shipped: Policy

    init() throws {
        shipped = try loadPolicy(fromJSON: shippedPolicyText())
    }

    @Test func protectedProcessesAreNeverCandidatesHoweverLargeTheyAre() {
        let table = [
            process(10, "sshd", anonBytes: 8 * gib, oomScoreAdj: 1000),
            process(11, "sshd-session", anonBytes: 4 * gib),
            process(12, "systemd-journal", anonBytes: 3 * gib),
            process(13, "containerd", anonBytes: 3 * gib),
            process(14, "kubelet", anonBytes: 2 * gib),
            process(15, "dbus-broker", anonBytes: 2 * gib),
            process(16, "fastoomd", anonBytes: 2 * gib),
            process(20, "worker", anonBytes: 100 * mib),
        ]
        let result = ranking(table, shipped)
        #expect(result.candidatePIDs == [20])
        #expect(result.excludedPIDs == [10, 11, 12, 13, 14, 15, 16])
        #expect(result.reason(excluding: 10) == .protected(rule: "comm~^sshd(-session|-auth)?$"))
        #expect(result.reason(excluding: 12) == .protected(rule: "comm=systemd-journal"))
        #expect(result.excluded.first?.reason.description == "protect: comm~^sshd(-session|-auth)?$")
    }

    @Test func initsKernelThreadsZombiesUnkillablesAndFastoomdAreAlwaysExcluded() throws {
        let table = [
            process(1, "bash", anonBytes: 4 * gib),
            process(2, "kthreadd", anonBytes: 0, isKernelThread: true),
            process(ownPID, "my-daemon", anonBytes: 4 * gib),
            process(300, "defunct", anonBytes: 4 * gib, state: "Z"),
            process(301, "pinned", anonBytes: 4 * gib, oomScoreAdj: -1000),
            process(302, "tini", anonBytes: 4 * gib, cgroupPath: "/kubepods/pod1/c1", namespacePID: 1),
            process(303, "app", anonBytes: 1 * mib, cgroupPath: "/kubepods/pod1/c1", namespacePID: 7),
        ]
        let result = ranking(table, try Policy(validating: KillPolicyConfig()))
        #expect(result.candidatePIDs == [303])
        #expect(
            result.excluded.map(\.reason) == [
                .nodeInit, .kernelThread, .zombie, .oomKillDisabled, .namespaceInit, .ownProcess,
            ])
    }

    @Test func preferWinsOverALargerOOMScore() throws {
        let policy = try Policy(
            validating: KillPolicyConfig(
                prefer: [MatchRuleConfig(comm: "chrome")], weights: RankingWeights(oomScore: 1, oomScoreAdj: 0)))
        let table = [
            process(500, "java", anonBytes: 6 * gib, oomScore: 812),
            process(501, "chrome", anonBytes: 512 * mib, oomScore: 40),
        ]
        let result = ranking(table, policy)
        #expect(result.candidatePIDs == [501, 500])
        #expect(result.candidates[0].tier == .preferred)
        #expect(result.candidates[0].reasons == ["prefer: comm=chrome", "oom_score 40", "freeable 512 MiB (31‰)"])
        #expect(result.candidates[1].reasons == ["oom_score 812", "freeable 6 GiB (375‰)"])
        #expect(result.candidates[1].score == 812 + 375)
    }

    @Test func avoidedProcessesComeOnlyAfterEveryOtherCandidate() {
        let table = [
            process(600, "postgres", anonBytes: 8 * gib, oomScoreAdj: 500),
            process(601, "redis-server", anonBytes: 4 * gib),
            process(602, "cc1plus", anonBytes: 200 * mib),
            process(603, "bash", anonBytes: 1 * mib),
        ]
        let result = ranking(table, shipped)
        #expect(result.candidatePIDs == [602, 603, 600, 601])
        #expect(result.candidates.map(\.tier) == [.normal, .normal, .avoided, .avoided])
        #expect(result.candidates[2].reasons.first == "avoid: comm=postgres")
        #expect(ranking([table[0], table[1]], shipped).candidatePIDs == [600, 601])
    }

    @Test func anAvoidRuleOutweighsAPreferRule() throws {
        let policy = try Policy(
            validating: KillPolicyConfig(
                avoid: [MatchRuleConfig(uid: 26)], prefer: [MatchRuleConfig(commRegex: "^post")]))
        let table = [process(700, "postgres", anonBytes: 4 * gib, uid: 26), process(701, "vim", anonBytes: 1 * mib)]
        #expect(ranking(table, policy).candidatePIDs == [701, 700])
    }

    /// The lesson of earlyoom and nohang: a web service whose RSS is mostly a mapped data file
    /// has a high oom_score but gives little back when killed.
    @Test func memoryAKillFreesDecidesNotFileBackedRSS() {
        let table = [
            process(800, "webservice", anonBytes: 200 * mib, fileBytes: 6 * gib, oomScore: 390),
            process(801, "leaky-etl", anonBytes: 2 * gib, oomScore: 125),
        ]
        let result = ranking(table, shipped)
        #expect(result.candidatePIDs == [801, 800])
        #expect(result.candidates.map(\.reasons) == [["freeable 2 GiB (125‰)"], ["freeable 200 MiB (12‰)"]])
    }

    @Test func shmemAndSwapCountAsFreeable() {
        var swapped = process(900, "swapped", anonBytes: 0)
        swapped.swapBytes = 3 * gib
        var shared = process(901, "shm-user", anonBytes: 0)
        shared.residentShmemBytes = 2 * gib
        let resident = process(902, "resident", anonBytes: 1 * gib)
        #expect(ranking([resident, shared, swapped], shipped).candidatePIDs == [900, 901, 902])
    }

    @Test func oomScoreAdjKeepsKubeletsOrderOfPods() {
        let table = [
            process(1000, "guaranteed", anonBytes: 4 * gib, oomScoreAdj: -997),
            process(1001, "besteffort", anonBytes: 100 * mib, oomScoreAdj: 1000),
            process(1002, "burstable", anonBytes: 1 * gib, oomScoreAdj: 500),
        ]
        let result = ranking(table, shipped)
        #expect(result.candidatePIDs == [1001, 1002, 1000])
        #expect(result.candidates[0].reasons == ["oom_score_adj 1000", "freeable 100 MiB (6‰)"])
    }

    @Test func freeableMemoryIsShownInTheLargestExactOrTwoDigitUnit() {
        let table = [
            process(1100, "a", anonBytes: 3 * gib),
            process(1101, "b", anonBytes: 1536 * mib),
            process(1102, "c", anonBytes: 700 * kib),
            process(1103, "d", anonBytes: 12),
        ]
        let freeable = ranking(table, shipped).candidates.map { $0.reasons.last ?? "" }
        #expect(
            freeable == [
                "freeable 3 GiB (188‰)", "freeable 1536 MiB (94‰)", "freeable 700 KiB (0‰)", "freeable 12 B (0‰)",
            ])
    }

    @Test func tiesAreBrokenByFreeableBytesThenPIDThenStartTime() throws {
        let policy = try Policy(
            validating: KillPolicyConfig(weights: RankingWeights(oomScore: 1, oomScoreAdj: 0, freeablePermille: 0)))
        let table = [
            process(1203, "a", start: 50, anonBytes: 10 * mib, oomScore: 100),
            process(1202, "b", start: 60, anonBytes: 10 * mib, oomScore: 100),
            process(1202, "b-reborn", start: 20, anonBytes: 10 * mib, oomScore: 100),
            process(1201, "c", anonBytes: 20 * mib, oomScore: 100),
            process(1200, "d", anonBytes: 1 * mib, oomScore: 300),
        ]
        let order = ranking(table, policy).candidates.map(\.process.comm)
        #expect(order == ["d", "c", "b-reborn", "b", "a"])
    }

    @Test func theOrderDoesNotDependOnTheOrderOfTheTableInAnyPermutation() throws {
        let policy = try Policy(
            validating: KillPolicyConfig(
                avoid: [MatchRuleConfig(comm: "postgres")], prefer: [MatchRuleConfig(comm: "chrome")],
                weights: RankingWeights(oomScore: 1, oomScoreAdj: 0, freeablePermille: 0)))
        let table = [
            process(10, "chrome", start: 5, anonBytes: 10 * mib, oomScore: 100),
            process(11, "chrome", start: 5, anonBytes: 10 * mib, oomScore: 100),
            process(11, "chrome", start: 3, anonBytes: 10 * mib, oomScore: 100),
            process(12, "worker", anonBytes: 30 * mib, oomScore: 100),
            process(13, "worker", anonBytes: 20 * mib, oomScore: 100),
            process(14, "postgres", anonBytes: 8 * gib, oomScore: 900),
            process(1, "init", anonBytes: 8 * gib, oomScore: 900),
        ]
        let expected = ranking(table, policy)
        #expect(
            expected.candidates.map(\.process.identity.description) == [
                "10@5", "11@3", "11@5", "12@1000", "13@1000", "14@1000",
            ])
        let orderings = permutations(of: table)
        #expect(orderings.count == 5040)
        for ordering in orderings {
            let result = ranking(ordering, policy)
            #expect(result.candidates == expected.candidates)
            #expect(result.excluded == expected.excluded)
        }
    }

    @Test func theOrderOfALargeTableSurvivesRandomShuffles() throws {
        var generator = SeededGenerator(seed: 0xFA57_00D)
        let comms = ["chrome", "postgres", "sshd", "worker", "java", "x y", ""]
        let table = (0..<3_000).map { index in
            process(
                Int32(2 + index), comms[Int.random(in: 0..<comms.count, using: &generator)],
                start: UInt64.random(in: 1...3, using: &generator),
                anonBytes: UInt64.random(in: 0...8, using: &generator) * mib,
                oomScoreAdj: [0, 0, 500, -1000].randomElement(using: &generator) ?? 0,
                state: index % 97 == 0 ? "Z" : "S")
        }
        let policy = try Policy(
            validating: KillPolicyConfig(
                protect: [MatchRuleConfig(comm: "sshd")], avoid: [MatchRuleConfig(comm: "postgres")],
                prefer: [MatchRuleConfig(comm: "chrome")]))
        let expected = ranking(table, policy)
        #expect(expected.candidates.count > 1_000)
        #expect(expected.candidates.count + expected.excluded.count == table.count)
        for _ in 0..<40 {
            let result = ranking(table.shuffled(using: &generator), policy)
            #expect(result.candidates.map(\.process.identity) == expected.candidates.map(\.process.identity))
            #expect(result.candidates == expected.candidates)
            #expect(result.excluded.map(\.process.identity) == expected.excluded.map(\.process.identity))
        }
    }

    @Test func hostileCommValuesAreMatchedLiterally() throws {
        let policy = try Policy(
            validating: KillPolicyConfig(
                protect: [MatchRuleConfig(comm: "a b"), MatchRuleConfig(commRegex: "^\n$")],
                prefer: [MatchRuleConfig(comm: "foo) Z 1 2"), MatchRuleConfig(commRegex: "\u{FFFD}")]))
        let table = [
            process(20, "foo) Z 1 2", anonBytes: 1 * mib),
            process(21, "a b", anonBytes: 4 * gib),
            process(22, "\n", anonBytes: 4 * gib),
            process(23, "", anonBytes: 2 * gib),
            process(24, "x\u{FFFD}\u{FFFD}", anonBytes: 2 * mib),
            process(25, "(sd-pam)", anonBytes: 3 * mib),
        ]
        let result = ranking(table, policy)
        #expect(result.candidatePIDs == [24, 20, 23, 25])
        #expect(result.candidates[0].reasons.first == "prefer: comm~\u{FFFD}")
        #expect(result.candidates[1].reasons.first == "prefer: comm=foo) Z 1 2")
        #expect(result.excluded.map(\.reason) == [.protected(rule: "comm=a b"), .protected(rule: "comm~^\n$")])
    }

    @Test func rulesMatchCmdlineExeCgroupAndUid() throws {
        let policy = try Policy(
            validating: KillPolicyConfig(
                protect: [
                    MatchRuleConfig(cmdlineRegex: "java .*-jar kafka"),
                    MatchRuleConfig(exe: "/usr/sbin/nginx"),
                    MatchRuleConfig(cgroupPrefix: "/system.slice/", uid: 0),
                    MatchRuleConfig(exeRegex: "^/opt/keep/"),
                    MatchRuleConfig(cgroupRegex: "/pod-critical[0-9]+/"),
                ]))
        let table = [
            process(30, "java", commandLine: ["/usr/bin/java", "-Xmx1g", "-jar", "kafka.jar"]),
            process(31, "java", commandLine: ["/usr/bin/java", "-jar", "zookeeper.jar"]),
            process(32, "nginx", executablePath: "/usr/sbin/nginx (deleted)"),
            process(33, "nginx", executablePath: "/usr/local/sbin/nginx"),
            process(34, "unattended", cgroupPath: "/system.slice/apt.service", uid: 0),
            process(35, "unattended", cgroupPath: "/system.slice/apt.service", uid: 1000),
            process(36, "keeper", executablePath: "/opt/keep/bin/keeper"),
            process(37, "app", cgroupPath: "/kubepods/pod-critical42/c"),
            process(38, "noexe"),
        ]
        let result = ranking(table, policy)
        #expect(result.excludedPIDs == [30, 32, 34, 36, 37])
        #expect(result.candidatePIDs == [31, 33, 35, 38])
        #expect(result.reason(excluding: 34) == .protected(rule: "cgroup^=/system.slice/ uid=0"))
    }

    @Test func freeableShareFollowsTheTargetsMemoryNotTheNodes() throws {
        let pod = Ranking(
            of: [process(40, "worker", anonBytes: 8 * mib)], policy: shipped, ownPID: ownPID,
            memoryTotalBytes: 512 * mib)
        #expect(pod.candidates[0].reasons == ["freeable 8 MiB (16‰)"])
        #expect(pod.candidates[0].score == 15.625)
    }
}
