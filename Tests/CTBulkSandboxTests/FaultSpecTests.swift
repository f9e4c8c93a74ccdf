import CTBulkSandbox
import CTBulkTestSupport
import Testing

@Suite("Fault spec grammar") struct FaultSpecTests {
    @Test("valid specs parse")
    func valid() throws {
        let spec = try FaultSpec(parsing: "5xx=0.1,hang=0.05,drop=0.02,malformed=0.01")
        #expect(spec == FaultSpec(serverErrorRate: 0.1, hangRate: 0.05, dropRate: 0.02, malformedRate: 0.01))
        #expect(try FaultSpec(parsing: " drop = 1 ") == FaultSpec(dropRate: 1))
        #expect(try FaultSpec(parsing: "HANG=0.5") == FaultSpec(hangRate: 0.5))
        #expect(try FaultSpec(parsing: "") == .none)
        #expect(try FaultSpec(parsing: "none") == .none)
        #expect(try FaultSpec(parsing: "5xx=0.7,malformed=0.2,drop=0.1").total > 0.99)
        // The description reads back.
        #expect(try FaultSpec(parsing: spec.description) == spec)
        #expect(FaultSpec.none.description == "none")
    }

    @Test("invalid specs give typed errors", arguments: [
        ("5xx", FaultSpecError.malformedEntry("5xx")),
        ("5xx=0.1,", .malformedEntry("")),
        ("=0.1", .malformedEntry("=0.1")),
        ("timeout=0.1", .unknownKind("timeout")),
        ("drop=0.1,drop=0.2", .duplicateKind("drop")),
        ("hang=abc", .invalidRate(kind: "hang", value: "abc")),
        ("hang=1.5", .invalidRate(kind: "hang", value: "1.5")),
        ("hang=-0.1", .invalidRate(kind: "hang", value: "-0.1")),
        ("hang=nan", .invalidRate(kind: "hang", value: "nan")),
        ("5xx=0.6,drop=0.6", .totalAboveOne(1.2)),
    ])
    func invalid(text: String, error: FaultSpecError) {
        #expect(throws: error) { try FaultSpec(parsing: text) }
    }

    @Test("a configuration with an invalid spec is refused")
    func configuration() {
        var configuration = SandboxConfiguration()
        configuration.faults = FaultSpec(serverErrorRate: 0.8, hangRate: 0.8)
        #expect(throws: SandboxError.self) { try configuration.validate() }
    }
}
