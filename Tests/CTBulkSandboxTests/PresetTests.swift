import CTBulkCore
import CTBulkSandbox
import CTBulkTestSupport
import Testing

@Suite("Presets and configuration") struct PresetTests {
    @Test("the demo preset holds exactly the documented numbers")
    func demo() throws {
        let numbers = SandboxConfiguration.demo.initialNumbers
        let expected = Set((1...12).map { 79_990_000_000 + $0 } + (100...119).map { 79_990_000_000 + $0 })
        #expect(Set(numbers.keys.map(\.numericValue)) == Set(expected.map(UInt64.init)))
        for offset in [1, 2, 3, 4] + Array(100...119) {
            #expect(numbers[phone(String(79_990_000_000 + offset))] == .some(nil), "\(offset) is free")
        }
        let autumn = NumberSettings(poolName: "Осень",
                                    displayOptions: DisplayOptions(source: "yandex", medium: "cpc", campaign: "autumn"),
                                    redirectOptions: RedirectOptions(redirectNumber: phone("74950000001")))
        for offset in 5...7 { #expect(numbers[phone(String(79_990_000_000 + offset))] == .some(autumn)) }
        var eight = autumn
        eight.redirectOptions?.reserve = ReserveRedirect(reserveNumber: phone("74950000002"), reserveTimeOut: 30,
                                                         ignoreEarlyMedia: true)
        #expect(numbers[phone("79990000008")] == .some(eight))
        let spring = NumberSettings(poolName: "Весна",
                                    displayOptions: DisplayOptions(source: "google", medium: "cpc", campaign: "spring"),
                                    redirectOptions: RedirectOptions(redirectNumber: phone("74950000003")))
        for offset in 9...12 { #expect(numbers[phone(String(79_990_000_000 + offset))] == .some(spring)) }
        #expect(SandboxConfiguration.demo.accessToken == "sandbox-token")
        #expect(SandboxConfiguration.demo.siteID == "1")
        #expect(SandboxConfiguration.demo.rateLimit == 5)
    }

    @Test("generated numbers are deterministic per seed, about 60 % used, and valid")
    func generated() async throws {
        let first = SandboxPreset.generatedNumbers(count: 1000, seed: 1)
        #expect(first == SandboxPreset.generatedNumbers(count: 1000, seed: 1))
        #expect(first != SandboxPreset.generatedNumbers(count: 1000, seed: 2))
        #expect(first.count == 1000)
        #expect(first.keys.map(\.numericValue).min() == 79_990_000_000)
        #expect(first.keys.map(\.numericValue).max() == 79_990_000_999)
        let used = first.values.compactMap { $0 }
        #expect((550...650).contains(used.count))
        #expect(Set(used.compactMap(\.poolName)).count > 1)
        #expect(Set(used.compactMap(\.displayOptions?.source)).count > 1)
        #expect(used.contains { $0.redirectOptions?.reserve != nil })
        #expect(used.contains { $0.redirectOptions == nil })
        // Every generated account is one a real API could hold: the sandbox starts with it.
        try SandboxConfiguration.generated(numbers: 1000, seed: 1).validate()
        try await Sandbox.withSandbox(.generated(numbers: 1000, seed: 1)) { (sandbox) async throws in
            #expect(sandbox.numbers().count == 1000)
        }
    }

    @Test("preset names parse", arguments: [
        ("demo", SandboxPreset.demo), ("DEMO", .demo), ("empty", .empty), ("numbers 500", .numbers(500)),
        ("numbers=20", .numbers(20)), ("numbers:0", .numbers(0)),
    ])
    func parsePreset(text: String, preset: SandboxPreset) throws {
        #expect(try SandboxPreset(parsing: text) == preset)
    }

    @Test("bad preset names are refused", arguments: ["", "demo2", "numbers", "numbers -1", "numbers x", "numbers 10000001"])
    func badPreset(text: String) {
        #expect(throws: SandboxError.self) { try SandboxPreset(parsing: text) }
    }

    @Test("configuration validation: loopback only, sane settings, an account a real API could hold")
    func validation() async throws {
        for host in ["0.0.0.0", "192.168.1.10", "example.com", "128.0.0.1", "127.0.0"] {
            var configuration = SandboxConfiguration()
            configuration.host = host
            #expect(throws: SandboxError.nonLoopbackHost(host)) { try configuration.validate() }
            await #expect(throws: SandboxError.nonLoopbackHost(host)) {
                try await Sandbox.withSandbox(configuration) { _ in }
            }
        }
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "::1"] {
            var configuration = SandboxConfiguration()
            configuration.host = host
            #expect(throws: Never.self) { try configuration.validate() }
        }
        var configuration = SandboxConfiguration()
        configuration.rateLimit = 0
        #expect(throws: SandboxError.self) { try configuration.validate() }

        configuration = SandboxConfiguration()
        configuration.load(numbers: [(phone("79990000001"), NumberSettings(poolName: "Без источника"))])
        #expect(throws: SandboxError.invalidInitialNumber(phone("79990000001"),
            "a used number needs displayOptions.source (a number whose displayOptions are null is free)")) {
            try configuration.validate()
        }
    }

    @Test("a job-shaped state loads; a missing ignoreEarlyMedia is stored as true; empty settings mean free")
    func jobShapedState() async throws {
        var configuration = SandboxConfiguration(rateLimit: nil)
        configuration.load(numbers: [
            (phone("79990000001"), nil),
            (phone("79990000002"), NumberSettings()),
            (phone("79990000003"), NumberSettings(displayOptions: DisplayOptions(source: "s"),
                redirectOptions: RedirectOptions(redirectNumber: phone("74950000001"),
                    reserve: ReserveRedirect(reserveNumber: phone("74950000002"), reserveTimeOut: 15)))),
        ])
        try await Sandbox.withSandbox(configuration) { (sandbox) async throws in
            let records = try await Wire.list(sandbox, ["79990000001", "79990000002", "79990000003"])
            #expect(records.map { $0.displayOptions == nil } == [true, true, false])
            #expect(records[2].redirectOptions?.reserveRedirect?.ignoreEarlyMedia == true)
        }
    }
}
