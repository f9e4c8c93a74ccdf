import CTBulkCore
import CTBulkTestSupport
import Testing

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        ("79001234567", "79001234567", nil),
        ("+7 (900) 123-45-67", "79001234567", ProblemCode.phoneNormalized),
        ("8 900 123 45 67", "79001234567", .phoneNormalized),
        ("8-900-123-45-67", "79001234567", .phoneNormalized),
        ("89001234567", "79001234567", .phoneNormalized),
        ("9001234567", "79001234567", .phoneNormalized),
        ("+7\u{00A0}900\u{00A0}123\u{00A0}45\u{00A0}67", "79001234567", .phoneNormalized),
        ("8 (900) 123–45—67", "79001234567", .phoneNormalized),
        ("  79001234567  ", "79001234567", nil),
        ("79001234567.0", "79001234567", .phoneFloatTail),
        ("79001234567,0", "79001234567", .phoneFloatTail),
        ("'+79001234567", "79001234567", .phoneNormalized),
        ("8 800 555 35 35", "78005553535", .phoneNormalized),
    ] as [(String, String, ProblemCode?)])
    func normalises(raw: String, expected: String, note: ProblemCode?) {
        #expect(PhoneNumber.normalize(raw) == .number(PhoneNumber(canonical: expected)!, note: note))
    }

    @Test(arguments: [
        ("7,9E+10", ProblemCode.phoneScientific),
        ("7.9E+10", .phoneScientific),
        ("7,90012E+10", .phoneScientific),
        ("79E9", .phoneScientific),
        ("#Н/Д", .excelError),
        ("#N/A", .excelError),
        ("#ЗНАЧ!", .excelError),
        ("79ОО1234567", .phoneLetters),
        ("тел. 79001234567", .phoneLetters),
        ("7900123456", .phoneLength),
        ("790012345678", .phoneLength),
        ("19001234567", .phoneCountry),
        ("+89001234567", .phoneCountry),
        ("79001234567.5", .phoneLength),
        ("7900*1234567", .phoneCharacters),
    ] as [(String, ProblemCode)])
    func rejects(raw: String, code: ProblemCode) {
        #expect(PhoneNumber.normalize(raw) == .rejected(code))
    }

    @Test func canonicalOnlyAcceptsElevenDigitsStartingWithSeven() {
        #expect(PhoneNumber(canonical: "79001234567") != nil)
        #expect(PhoneNumber(canonical: "89001234567") == nil)
        #expect(PhoneNumber(canonical: "7900123456") == nil)
        #expect(PhoneNumber(canonical: "7900123456a") == nil)
    }
}

@Suite struct CellTextTests {
    @Test func booleansInEveryLanguageExcelWrites() {
        for yes in ["true", "TRUE", "1", "yes", "да", "Да", "ИСТИНА", "истина"] { #expect(CellText.parseBool(yes) == true) }
        for no in ["false", "0", "no", "нет", "ЛОЖЬ", "ложь"] { #expect(CellText.parseBool(no) == false) }
        #expect(CellText.parseBool("может быть") == nil)
    }

    @Test func trimRemovesNBSPAndSpaces() {
        #expect(CellText.trim("\u{00A0} Весна \u{00A0}") == "Весна")
        #expect(CellText.trim("   ") == "")
    }

    @Test func neutralisationIsUndoneOnRead() {
        #expect(CellText.removingNeutralisation("'=SUM(A1)") == "=SUM(A1)")
        #expect(CellText.removingNeutralisation("'text") == "'text")
    }
}
