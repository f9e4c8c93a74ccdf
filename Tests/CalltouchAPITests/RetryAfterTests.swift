import Testing
@testable import CalltouchAPI

@Suite("Retry-After parsing")
struct RetryAfterTests {
    /// 1994-11-06 08:49:37 UTC, the RFC's example date.
    static let rfcExample: Double = 784_111_777

    @Test("delta-seconds", arguments: [("1", 1), ("120", 120), (" 5 ", 5), ("0", 0)] as [(String, Int64)])
    func deltaSeconds(text: String, seconds: Int64) {
        #expect(RetryAfter.parse(text) == .seconds(seconds))
    }

    @Test("not a Retry-After value", arguments: ["", "-1", "1.5", "soon", "99999999999999999999999",
                                                "Sun, 06 Nov 1994 08:49:37 PST", "Sun, 32 Nov 1994 08:49:37 GMT",
                                                "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT"])
    func invalid(text: String) {
        #expect(RetryAfter.parse(text, now: Self.rfcExample) == nil)
    }

    @Test("the three HTTP-date forms", arguments: [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
    ])
    func httpDates(text: String) {
        #expect(RetryAfter.httpDate(text) == Int64(Self.rfcExample))
        #expect(RetryAfter.parse(text, now: Self.rfcExample - 30) == .seconds(30))
        #expect(RetryAfter.parse(text, now: Self.rfcExample + 5) == .zero, "a date in the past means no wait")
    }

    @Test("calendar arithmetic around leap days and the epoch")
    func calendar() {
        #expect(RetryAfter.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        #expect(RetryAfter.daysFromCivil(year: 2000, month: 3, day: 1) == 11_017)
        #expect(RetryAfter.httpDate("Thu, 29 Feb 2024 00:00:00 GMT") == 1_709_164_800)
        #expect(RetryAfter.httpDate("Wed, 21 Oct 2015 07:28:00 GMT") == 1_445_412_480)
    }
}
