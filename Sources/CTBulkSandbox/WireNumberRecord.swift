import CTBulkCore

/// One number as the list answer (and `GET /_sandbox/state`) shows it:
/// `{"phoneNumber", "poolName", "displayOptions", "redirectOptions"}` with explicit nulls for a free number, and
/// `redirectOptions` as `{"redirectType": "PSTN", "ptsnOptions": {"redirectNumber"}, "reserveRedirect": {...} | null}`.
struct WireNumberRecord: Encodable {
    var phoneNumber: PhoneNumber
    var settings: NumberSettings?

    private enum Keys: String, CodingKey {
        case phoneNumber, poolName, displayOptions, redirectOptions
        case source, medium, campaign, content, keyword
        case redirectType, ptsnOptions, redirectNumber, reserveRedirect
        case reserveNumber, reserveTimeOut, ignoreEarlyMedia
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(phoneNumber.digits, forKey: .phoneNumber)
        try container.encode(settings?.poolName, forKey: .poolName)
        if let display = settings?.displayOptions {
            var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .displayOptions)
            try nested.encodeIfPresent(display.source, forKey: .source)
            try nested.encodeIfPresent(display.medium, forKey: .medium)
            try nested.encodeIfPresent(display.campaign, forKey: .campaign)
            try nested.encodeIfPresent(display.content, forKey: .content)
            try nested.encodeIfPresent(display.keyword, forKey: .keyword)
        } else {
            try container.encodeNil(forKey: .displayOptions)
        }
        if let redirect = settings?.redirectOptions {
            var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .redirectOptions)
            try nested.encode("PSTN", forKey: .redirectType)
            var ptsn = nested.nestedContainer(keyedBy: Keys.self, forKey: .ptsnOptions)
            try ptsn.encode(redirect.redirectNumber?.digits, forKey: .redirectNumber)
            if let reserve = redirect.reserve {
                var nestedReserve = nested.nestedContainer(keyedBy: Keys.self, forKey: .reserveRedirect)
                try nestedReserve.encode(reserve.reserveNumber?.digits, forKey: .reserveNumber)
                try nestedReserve.encode(reserve.reserveTimeOut, forKey: .reserveTimeOut)
                try nestedReserve.encode(reserve.ignoreEarlyMedia ?? true, forKey: .ignoreEarlyMedia)
            } else {
                try nested.encodeNil(forKey: .reserveRedirect)
            }
        } else {
            try container.encodeNil(forKey: .redirectOptions)
        }
    }
}
