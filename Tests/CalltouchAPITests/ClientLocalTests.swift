import AsyncHTTPClient
import CTBulkCore
import CTBulkTestSupport
import Testing
@testable import CalltouchAPI

/// Client behaviour that needs no server (or only a closed port).
@Suite("Client without a server")
struct ClientLocalTests {
    func client(gate: any RequestGate, baseURL: String = "http://127.0.0.1:1") throws -> CalltouchClient {
        let configuration = try CalltouchConfiguration(baseURL: baseURL, credentials: Fixtures.credentials(),
                                                       connectTimeout: .seconds(2), readTimeout: .seconds(5))
        return CalltouchClient(configuration: configuration, httpClient: .shared, gate: gate)
    }

    @Test("a refused connection is a transport error, after exactly one pass through the gate")
    func connectionRefused() async throws {
        let gate = CountingGate()
        let client = try client(gate: gate)
        let error = await #expect(throws: CalltouchError.self) {
            try await client.deleteSettings(of: phone("79001112233"))
        }
        #expect(error?.category == .transport)
        #expect(error?.endpoint == .delete)
        #expect(error?.phoneNumber == phone("79001112233"))
        #expect(error?.status == nil)
        #expect(error?.isRetryable == true)
        #expect(gate.acquired == 1)
    }

    @Test("a gate cancelled while waiting gives a cancelled error")
    func cancelledGate() async throws {
        let client = try client(gate: CancellingGate())
        let error = await #expect(throws: CalltouchError.self) {
            try await client.readSettings(of: [phone("79001112233")])
        }
        #expect(error?.category == .cancelled)
        #expect(error?.isRetryable == false)
    }

    @Test("settings that set nothing are refused as invalid data without a request")
    func emptySettings() async throws {
        let gate = CountingGate()
        let client = try client(gate: gate)
        for settings in [NumberSettings(), NumberSettings(displayOptions: DisplayOptions(), redirectOptions: RedirectOptions())] {
            let error = await #expect(throws: CalltouchError.self) {
                try await client.updateSettings(of: phone("79001112233"), to: settings)
            }
            #expect(error?.category == .invalidData)
            let createError = await #expect(throws: CalltouchError.self) {
                try await client.createSettings(of: phone("79001112233"), to: settings)
            }
            #expect(createError?.endpoint == .create)
        }
        #expect(gate.acquired == 0)
    }

    @Test("reading no numbers sends nothing")
    func emptyRead() async throws {
        let gate = CountingGate()
        let result = try await client(gate: gate).readSettings(of: [])
        #expect(result.isEmpty)
        #expect(gate.acquired == 0)
    }
}
