import CTBulkCore
import Testing
import UISDataAPI

@Suite("The --filter expression language")
struct FilterExpressionTests {
    static let types = VirtualNumber.fieldTypes

    @Test("expressions become the documented filter objects", arguments: [
        ("status=active", UISFilter.where("status", .equal, "active")),
        ("  status = active  ", .where("status", .equal, "active")),
        ("status != blocked", .where("status", .notEqual, "blocked")),
        ("status<>blocked", .where("status", .notEqual, "blocked")),
        ("id >= 10", .where("id", .greaterOrEqual, 10)),
        ("id<10", .where("id", .less, 10)),
        ("id<=10", .where("id", .lessOrEqual, 10)),
        ("id>10", .where("id", .greater, 10)),
        ("activation_date >= 2024-01-01 00:00:00", .where("activation_date", .greaterOrEqual, "2024-01-01 00:00:00")),
        ("category in gold,silver", .where("category", .in, ["gold", "silver"])),
        ("category not_in gold, silver", .where("category", .notIn, ["gold", "silver"])),
        ("category NOT IN gold", .where("category", .notIn, ["gold"])),
        ("id in 1,2,3", .where("id", .in, [1, 2, 3])),
        ("virtual_phone_number in 74951234567,74951234568",
         .where("virtual_phone_number", .in, ["74951234567", "74951234568"])),
        ("virtual_phone_number like 7495%", .where("virtual_phone_number", .like, "7495%")),
        ("virtual_phone_number = 74951234567", .where("virtual_phone_number", .equal, "74951234567")),
        ("name ilike %линия%", .where("name", .ilike, "%линия%")),
        ("name not_like %x%", .where("name", .notLike, "%x%")),
        ("name not like %x%", .where("name", .notLike, "%x%")),
        ("name not_ilike %X%", .where("name", .notIlike, "%X%")),
        ("comment regexp ^(a|b)$", .where("comment", .regexp, "^(a|b)$")),
        ("campaigns jsquery #.campaign_id = 5", .where("campaigns", .jsquery, "#.campaign_id = 5")),
        ("campaigns overlap 2005,2010", .where("campaigns", .overlap, [2005, 2010])),
        ("scenarios not_overlap Основной 1", .where("scenarios", .notOverlap, ["Основной 1"])),
        ("comment is_null", .where("comment", .isNull, .null)),
        ("comment is null", .where("comment", .isNull, .null)),
        ("comment is_not_null", .where("comment", .isNotNull, .null)),
        ("comment IS NOT NULL", .where("comment", .isNotNull, .null)),
        ("comment = null", .where("comment", .equal, .null)),
        ("comment != NULL", .where("comment", .notEqual, .null)),
        ("comment = \"null\"", .where("comment", .equal, "null")),
        ("name = \"Main line, 2\"", .where("name", .equal, "Main line, 2")),
        ("name = 'a b'", .where("name", .equal, "a b")),
        ("name in \"a,b\",c", .where("name", .in, ["a,b", "c"])),
        ("comment = \"say \\\"hi\\\"\"", .where("comment", .equal, "say \"hi\"")),
        ("child_customer_id = 5001", .where("child_customer_id", .equal, 5001)),
        ("unknown_field = 12", .where("unknown_field", .equal, 12)),
        ("unknown_field = 12a", .where("unknown_field", .equal, "12a")),
    ] as [(String, UISFilter)])
    func parses(_ text: String, _ expected: UISFilter) throws {
        #expect(try UISFilterExpression.parse(text, fieldTypes: Self.types) == expected)
    }

    @Test("booleans are typed for boolean fields")
    func booleans() throws {
        #expect(try UISFilterExpression.parse("is_custom = да", fieldTypes: SourceGroup.fieldTypes)
            == .where("is_custom", .equal, true))
        #expect(try UISFilterExpression.parse("is_custom=false", fieldTypes: SourceGroup.fieldTypes)
            == .where("is_custom", .equal, false))
    }

    @Test("several expressions are joined with and, or with or under --any")
    func combine() throws {
        let and = try UISFilterExpression.parse(["status=active", "id>1"], fieldTypes: Self.types)
        #expect(and == .group(.and, [.where("status", .equal, "active"), .where("id", .greater, 1)]))
        let or = try UISFilterExpression.parse(["status=active", "id>1"], any: true, fieldTypes: Self.types)
        #expect(or == .group(.or, [.where("status", .equal, "active"), .where("id", .greater, 1)]))
        #expect(try UISFilterExpression.parse([String](), fieldTypes: Self.types) == nil)
        #expect(try UISFilterExpression.parse(["id=1"], fieldTypes: Self.types) == .where("id", .equal, 1))
    }

    @Test("the wire form follows the documentation")
    func wire() throws {
        let filter = try UISFilterExpression.parse(["comment is_null", "category in gold"], any: true,
                                                   fieldTypes: Self.types)
        #expect(filter?.wireValue == .object([
            "condition": "or",
            "filters": [
                .object(["field": "comment", "operator": "is_null", "value": .null]),
                .object(["field": "category", "operator": "in", "value": ["gold"]]),
            ],
        ]))
    }

    @Test("a bad expression says which part is wrong and where", arguments: [
        ("status", UISFilterExpressionError.Reason.missingOperator, "status", 0),
        ("=active", .missingField, "=", 0),
        ("status ~ x", .unknownOperator, "~", 7),
        ("status === x", .unknownOperator, "===", 7),
        ("category inn gold", .unknownOperator, "inn", 9),
        ("category in", .missingValue, "in", 9),
        ("status =", .missingValue, "=", 7),
        ("comment is_null x", .unexpectedValue, "is_null", 8),
        ("name = \"abc", .unterminatedQuote, "\"abc", 7),
        ("name = \"abc\" def", .unexpectedValue, "def", 13),
        ("id >= ten", .notANumber, "ten", 6),
        ("id in 1,x", .notANumber, "x", 8),
        ("category in gold,,silver", .emptyListItem, ",", 17),
    ] as [(String, UISFilterExpressionError.Reason, String, Int)])
    func errors(_ text: String, _ reason: UISFilterExpressionError.Reason, _ part: String, _ position: Int) {
        do {
            _ = try UISFilterExpression.parse(text, fieldTypes: Self.types)
            Issue.record("\(text) should not parse")
        } catch let error as UISFilterExpressionError {
            #expect(error.reason == reason)
            #expect(error.part == part)
            #expect(error.position == position)
            let rendered = error.rendered(.en)
            #expect(rendered.contains(text))
            #expect(rendered.hasSuffix(String(repeating: " ", count: position) + String(repeating: "^", count: part.count)))
            #expect(!error.message(.ru).isEmpty)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
