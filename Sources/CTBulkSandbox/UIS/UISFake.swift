// Contract between the sandbox server and the UIS Data API fake. The UIS fake replaces this file's body; the server
// (Sandbox.swift) only calls `UISFake.init(configuration:seed:)` and `handle(body:clientAddress:)` for POST /v2.0.

/// Settings of the UIS Data API fake.
public struct UISSandboxConfiguration: Sendable {
    public init() {}
}

/// The UIS / CoMagic Data API v2.0 fake: JSON-RPC 2.0 over POST `/v2.0`.
final class UISFake: Sendable {
    init(configuration: UISSandboxConfiguration, seed: UInt64) {}

    /// Handles one JSON-RPC request body; returns the HTTP status and the response body.
    func handle(body: [UInt8], clientAddress: String) async -> (status: Int, body: [UInt8]) {
        (200, Array(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32601,"message":"not implemented","data":{"mnemonic":"method_not_found"}}}"#.utf8))
    }
}
