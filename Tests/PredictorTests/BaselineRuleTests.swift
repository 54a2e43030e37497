import MemSense
import Testing

@testable import Predictor

@Suite struct BaselineRuleTests {
    private func sample(tMs: Int64, availableFraction: Double, fullAvg10: Double? = nil) -> Sample {
        let total: UInt64 = 1 << 30
        let pressure = fullAvg10.map {
            Pressure(
                someAvg10: $0, someAvg60: 0, someAvg300: 0, someTotalUs: 0,
                full: .init(avg10: $0, avg60: 0, avg300: 0, totalUs: 0))
        }
        return Sample(
            kind: .node, tMs: tMs, totalBytes: total, availableBytes: UInt64(Double(total) * availableFraction),
            memoryPressure: pressure)
    }

    @Test func earlyOOMActsAtTenPercentAvailableAndNotAbove() {
        var rule = EarlyOOMRule()
        #expect(rule.assess(sample(tMs: 0, availableFraction: 0.11)).state == .ok)
        let acting = rule.assess(sample(tMs: 50, availableFraction: 0.10))
        #expect(acting.state == .nearOOM)
        #expect(acting.reasons.map(\.feature) == [.headroom])
        #expect(abs((acting.reasons.first?.value ?? 0) - 0.10) < 1e-6)
    }

    @Test func psiIgnoresPressureCarriedOverFromBeforeItStarted() {
        var rule = PSIRule(fullAvg10LimitPercent: 10)
        #expect(rule.assess(sample(tMs: 0, availableFraction: 0.5, fullAvg10: 13)).state == .ok)
        #expect(rule.assess(sample(tMs: 50, availableFraction: 0.5, fullAvg10: 12)).state == .ok)
        #expect(rule.assess(sample(tMs: 100, availableFraction: 0.5, fullAvg10: 9)).state == .ok)
        #expect(rule.assess(sample(tMs: 150, availableFraction: 0.5, fullAvg10: 10.5)).state == .nearOOM)
    }

    @Test func psiNeverActsWithoutPSI() {
        var rule = PSIRule()
        #expect(rule.assess(sample(tMs: 0, availableFraction: 0.01)).state == .ok)
    }
}
