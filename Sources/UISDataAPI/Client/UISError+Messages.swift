import CTBulkCore

extension UISError {
    /// The field a `filter_prohibited` or `sort_prohibited` is about: `data.value` (what the user passed, as the
    /// documentation defines it), else `data.field` (the parameter's path).
    var prohibitedField: String { value ?? field ?? "?" }

    /// What happened and what to do about it, as a catalogue message (`uis.error.<mnemonic>`).
    public var text: Message {
        let d = details
        func detail(_ key: String, _ fallback: String = "?") -> Message.Argument { .text(d[key] ?? fallback) }
        let key = "uis.error." + kind.rawValue
        switch kind {
        case .forbidden:
            return Message(key, ["advice": .message(Self.accessAdvice(for: method))])
        case .limitExceeded:
            let period = Message(d["limitType"] == "day" ? "uis.limit.day" : "uis.limit.minute")
            let reset: Message.Argument = d["resetSeconds"].map { .message(Message("uis.limit.reset", ["seconds": .text($0)])) } ?? ""
            return Message(key, ["period": .message(period), "reset": reset])
        case .filterProhibited, .sortProhibited:
            return Message(key, ["field": .text(prohibitedField)])
        case .unexpectedParameters:
            return Message(key, ["field": .text(value ?? field ?? "?")])
        case .invalidParameterValue, .requiredParameterMissed, .dataTypeError:
            return Message(key, ["field": .text(field ?? "?")])
        case .methodNotFound:
            return Message(key, ["method": .text(method ?? "?")])
        case .parseError, .invalidRequest, .unsupportedFeature:
            return Message("uis.error.protocol")
        case .otherRequestError, .otherAPIError:
            return Message(key, ["mnemonic": .text(mnemonic ?? "?")])
        case .otherAccessError:
            return Message(key, ["mnemonic": .text(mnemonic ?? "?"), "advice": .message(Self.accessAdvice(for: method))])
        case .resultTooDeep:
            return Message(key, ["total": detail("total"), "reachable": detail("reachable", "110000")])
        case .incompleteResult:
            return Message(key, ["received": detail("received"), "total": detail("total")])
        case .transport:
            return Message(key, ["reason": d["reason"].map(Message.Argument.text) ?? .message(Message("uis.network_error"))])
        case .httpStatus:
            return Message(key, ["status": detail("status")])
        case .malformedResponse:
            return Message(key, ["reason": detail("reason")])
        case .invalidEndpoint:
            return Message(key, ["value": .text(value ?? "")])
        case .tokenFileUnreadable:
            return Message(key, ["path": detail("path", ""), "reason": detail("reason", "")])
        case .tokenFileInsecure:
            return Message(key, ["path": detail("path", ""), "mode": detail("mode")])
        case .invalidArgument:
            return Message(key, ["field": .text(field ?? "?"), "value": .text(value ?? "?"), "range": detail("range", "")])
        default:
            return Message(key)
        }
    }

    /// What happened and what to do about it, in `language`.
    public func message(_ language: Language) -> String { text.render(language) }
}
