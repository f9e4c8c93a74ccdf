import CTBulkSandbox
import CTBulkTestSupport
import Testing

@Suite("Points budget") struct BudgetTests {
    @Test("every successful request costs a point; when spent, 403 points_exhausted until the budget is reset")
    func exhaustionAndReset() async throws {
        var configuration = SandboxConfiguration.demoUnlimited()
        configuration.pointsBudget = 3
        try await Sandbox.withSandbox(configuration) { (sandbox) async throws in
            let list = #"{"phoneNumbers":["79990000001"]}"#
            #expect(try await Wire.call(sandbox, .list, list).status == 200)
            // A refused request costs nothing.
            #expect(try await Wire.call(sandbox, .update, #"{"phoneNumber":"79990000001","poolName":"X"}"#).status == 400)
            #expect(try await Wire.call(sandbox, .update, #"{"phoneNumber":"79990000005","poolName":"X"}"#).status == 200)
            #expect(try await Wire.call(sandbox, .list, list).status == 200)

            let refused = try await Wire.call(sandbox, .update, #"{"phoneNumber":"79990000006","poolName":"Y"}"#)
            #expect(refused.status == 403)
            #expect(refused.error?.error == "points_exhausted")
            #expect(refused.text.contains("points"))
            #expect(sandbox.settings(of: phone("79990000006"))??.poolName == "Осень")
            #expect(try await Wire.call(sandbox, .list, list).status == 403)

            var stats = try await Wire.stats(sandbox)
            #expect(stats.points == SandboxStats.Points(used: 3, budget: 3))
            #expect(stats.rejected.budget == 2)

            // Reset: points used back to 0, same budget.
            let reset = try await Wire.admin(sandbox, .POST, "budget")
            #expect(reset.status == 200)
            #expect(try reset.decode(SandboxStats.Points.self) == SandboxStats.Points(used: 0, budget: 3))
            #expect(try await Wire.call(sandbox, .list, list).status == 200)

            // A new budget of 1.
            let newBudget = try await Wire.admin(sandbox, .POST, "budget", body: #"{"budget":1}"#)
            #expect(try newBudget.decode(SandboxStats.Points.self) == SandboxStats.Points(used: 0, budget: 1))
            #expect(try await Wire.call(sandbox, .list, list).status == 200)
            #expect(try await Wire.call(sandbox, .list, list).status == 403)
            stats = try await Wire.stats(sandbox)
            #expect(stats.points == SandboxStats.Points(used: 1, budget: 1))

            #expect(try await Wire.admin(sandbox, .POST, "budget", body: #"{"budget":-1}"#).status == 400)
        }
    }

    @Test("a budget of 0 refuses everything; the default budget is large")
    func zeroAndDefault() async throws {
        var configuration = SandboxConfiguration.demoUnlimited()
        configuration.pointsBudget = 0
        try await Sandbox.withSandbox(configuration) { (sandbox) async throws in
            #expect(try await Wire.call(sandbox, .list, #"{"phoneNumbers":[]}"#).status == 403)
        }
        #expect(SandboxConfiguration().pointsBudget >= 100_000)
    }
}
