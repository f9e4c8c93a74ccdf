import CTBulkCore
import CTBulkSandbox
import CTBulkTestSupport
import Testing

@Suite("State transitions") struct StateTransitionTests {
    @Test("free → create → used → update → delete → free, with writes and points counted")
    func lifecycleOfANumber() async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            let number = "79990000003"
            var record = try #require(try await Wire.list(sandbox, [number]).first)
            #expect(record.displayOptions == nil)

            var answer = try await Wire.call(sandbox, .create,
                #"{"phoneNumber":"79990000003","poolName":"Зима","displayOptions":{"source":"google","medium":"cpc","campaign":"winter"},"redirectOptions":{"redirectType":"PSTN","ptsnOptions":{"redirectNumber":"74950000004"}}}"#)
            #expect(answer.status == 200)
            #expect(answer.body.isEmpty)
            record = try #require(try await Wire.list(sandbox, [number]).first)
            #expect(record.poolName == "Зима")
            #expect(record.displayOptions?.campaign == "winter")
            #expect(record.redirectOptions?.ptsnOptions.redirectNumber == "74950000004")

            // Used now: create is refused, update works.
            #expect(try await Wire.call(sandbox, .create, #"{"phoneNumber":"79990000003","poolName":"X"}"#).error?.error
                    == "number_in_use")
            answer = try await Wire.call(sandbox, .update,
                #"{"phoneNumber":"79990000003","displayOptions":{"source":"google","campaign":"winter-2"}}"#)
            #expect(answer.status == 200)
            record = try #require(try await Wire.list(sandbox, [number]).first)
            #expect(record.displayOptions == .init(source: "google", campaign: "winter-2"))
            #expect(record.poolName == "Зима")

            answer = try await Wire.call(sandbox, .delete, #"{"phoneNumber":"79990000003"}"#)
            #expect(answer.status == 200)
            #expect(answer.body.isEmpty)
            record = try #require(try await Wire.list(sandbox, [number]).first)
            #expect(record.displayOptions == nil && record.poolName == nil && record.redirectOptions == nil)
            #expect(sandbox.settings(of: phone(number)) == .some(nil))

            // Free again: update refused, create works again.
            #expect(try await Wire.call(sandbox, .update, #"{"phoneNumber":"79990000003","poolName":"X"}"#).error?.error
                    == "number_is_free")
            #expect(try await Wire.call(sandbox, .create,
                #"{"phoneNumber":"79990000003","displayOptions":{"source":"vk"}}"#).status == 200)

            let stats = try await Wire.stats(sandbox)
            #expect(stats.writes[number] == SandboxStats.WriteCounts(create: 2, update: 1, delete: 1))
            #expect(stats.writes.count == 1)
            // 4 lists + create + update + delete + create succeeded; 2 refusals cost nothing.
            #expect(stats.points.used == 8)
            #expect(stats.rejected.invalid == 2)
            #expect(stats.requests["list"] == 4)
            #expect(stats.requests["create"] == 3)
        }
    }
}
