/// A JSON-RPC error the fake answers, with the documented code, English message and mnemonic.
struct UISFakeError: Error, Sendable {
    var code: Int
    var mnemonic: String
    var message: String
    var field: String?
    var value: UISWireValue?
    var params: [(String, UISWireValue)] = []

    init(_ mnemonic: String, field: String? = nil, value: UISWireValue? = nil,
         params: [(String, UISWireValue)] = []) {
        self.mnemonic = mnemonic
        self.field = field
        self.value = value
        self.params = params
        let known = Self.table[mnemonic] ?? (-32602, "{error_message}")
        self.code = known.0
        self.message = known.1
        for (key, param) in params {
            message = message.replacing("{\(key)}", with: param.string ?? String(decoding: param.bytes, as: UTF8.self))
        }
    }

    /// Code and English message of every mnemonic the fake uses (uis-data-api.md §6.2, §6.3).
    static let table: [String: (Int, String)] = [
        "parse_error": (-32700, "Invalid JSON was received by the server."),
        "invalid_request": (-32600, "Invalid Request The JSON sent is not a valid Request object"),
        "method_not_found": (-32601, "The method does not exist / is not available"),
        "access_token_expired": (-32001, "Access token has been expired"),
        "access_token_blocked": (-32001, "Access token has been blocked"),
        "access_token_invalid": (-32001, "Access token is invalid"),
        "auth_error": (-32001, "Login or password is wrong"),
        "ip_not_whitelisted": (-32003, "Your IP {ip} is not whitelisted"),
        "forbidden": (-32003, "Permission denied"),
        "method_component_disabled": (-32008,
            "You need at least on of the following components to access this method: {components}"),
        "account_inactive": (-32009, "Your account has been disabled, contact the support service"),
        "limit_exceeded": (-32029,
            "Limit per {limit_type} has been exceeded. Value of current limit per {limit_type} is {limit_max_value}"),
        "internal_error": (-32603, "Internal error, contact the support service"),
        "data_type_error": (-32602, "Data supplied is of wrong type"),
        "required_parameter_missed": (-32602, "The required parameter has been missed"),
        "invalid_parameter_value": (-32602, "Invalid parameter value"),
        "unexpected_parameters": (-32602, "Unexpected method parameter(s)"),
        "invalid_parameters_combination": (-32602, "The combination of parameters is not permitted"),
        "sort_prohibited": (-32602, "Sort by parameter is prohibited"),
        "filter_prohibited": (-32602, "Filter by parameter is prohibited"),
        "batch_opreations_not_supported": (-32099, "Batch operations not supported"),
        "notifications_not_supported": (-32099, "Notifications not supported"),
    ]

    /// `error` of the envelope; `metadata` goes into `error.data.metadata`.
    func wireValue(metadata: UISWireValue) -> UISWireValue {
        var data: [(String, UISWireValue)] = [("mnemonic", .string(mnemonic))]
        if let field { data.append(("field", .string(field))) }
        if let value { data.append(("value", value)) }
        if !params.isEmpty { data.append(("params", .object(params))) }
        data.append(("metadata", metadata))
        return .object([("code", .int(code)), ("message", .string(message)), ("data", .object(data))])
    }
}
