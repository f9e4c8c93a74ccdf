import Foundation

/// Parsing of the `Retry-After` header (RFC 9110 §10.2.3): delta-seconds or an HTTP date.
enum RetryAfter {
    /// The wait a `Retry-After` value asks for, or nil when the value is neither delta-seconds nor an HTTP date
    /// (IMF-fixdate, the obsolete RFC 850 form or asctime). A date in the past means no wait (`.zero`).
    /// - Parameter now: the current time in seconds since 1970 (injected for tests).
    static func parse(_ value: String, now: Double = Date().timeIntervalSince1970) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        if text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            guard let seconds = Int64(text) else { return nil }  // overflow
            return .seconds(seconds)
        }
        guard let date = httpDate(text) else { return nil }
        let delta = Double(date) - now
        guard delta > 0 else { return .zero }
        return .milliseconds(Int64((delta * 1000).rounded(.up)))
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Seconds since 1970 of an HTTP date in any of the three forms; nil when the text is not one.
    static func httpDate(_ text: String) -> Int64? {
        let tokens = text.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        var day: Int?, month: Int?, year: Int?, time: String?
        switch tokens.count {
        case 6:  // Sun, 06 Nov 1994 08:49:37 GMT
            guard tokens[5].uppercased() == "GMT" else { return nil }
            day = Int(tokens[1]); month = monthNumber(tokens[2]); year = Int(tokens[3]); time = tokens[4]
        case 4:  // Sunday, 06-Nov-94 08:49:37 GMT
            guard tokens[3].uppercased() == "GMT" else { return nil }
            let parts = tokens[1].split(separator: "-").map(String.init)
            guard parts.count == 3, let yy = Int(parts[2]) else { return nil }
            day = Int(parts[0]); month = monthNumber(parts[1]); time = tokens[2]
            year = parts[2].count == 2 ? (yy < 70 ? 2000 + yy : 1900 + yy) : yy
        case 5:  // Sun Nov  6 08:49:37 1994
            month = monthNumber(tokens[1]); day = Int(tokens[2]); time = tokens[3]; year = Int(tokens[4])
        default:
            return nil
        }
        guard let day, let month, let year, let time, (1...31).contains(day), (1...9999).contains(year) else {
            return nil
        }
        let clock = time.split(separator: ":").map { Int($0) }
        guard clock.count == 3, let h = clock[0], let m = clock[1], let s = clock[2],
              (0...23).contains(h), (0...59).contains(m), (0...60).contains(s) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Int64(days) * 86_400 + Int64(h * 3600 + m * 60 + s)
    }

    static func monthNumber(_ name: String) -> Int? {
        months.firstIndex(of: name.lowercased()).map { $0 + 1 }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
