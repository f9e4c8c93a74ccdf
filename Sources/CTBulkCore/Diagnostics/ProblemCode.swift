/// Every problem ctbulk reports, with its stable code (what scripts and reports match on), its severity and its
/// message in English and Russian. Messages say what is wrong and how to fix it.
public enum ProblemCode: String, Sendable, Codable, CaseIterable {
    // File and header
    case headerPhoneMissing = "header.phone.missing"
    case headerUnknown = "header.unknown"
    case headerDuplicate = "header.duplicate"
    case headerUnknownEmpty = "header.unknown_empty"
    case headerTitleRows = "header.title_rows"
    case fileEmpty = "file.empty"
    case fileEncoding = "file.encoding"
    case fileCSVSyntax = "file.csv.syntax"
    case jsonSyntax = "json.syntax"
    case jsonShape = "json.shape"
    case jsonUnknownKey = "json.unknown_key"
    case rowExtraCells = "row.extra_cells"
    case rowEmpty = "row.empty"
    case fileWorkbookDamaged = "file.xlsx.damaged"
    // Cells
    case excelError = "cell.excel_error"
    case cellTooLarge = "cell.too_large"
    case controlCharacter = "cell.control_character"
    case cellDate = "cell.date"
    case phoneMissing = "phone.missing"
    case phoneScientific = "phone.scientific"
    case phoneLetters = "phone.letters"
    case phoneCharacters = "phone.characters"
    case phoneLength = "phone.length"
    case phoneCountry = "phone.country"
    case phoneExtension = "phone.extension"
    case phoneCountryAdded = "phone.country_added"
    case phoneNormalized = "phone.normalized"
    case phoneFloatTail = "phone.float_tail"
    case clearNotAllowed = "cell.clear_not_allowed"
    case boolFormat = "bool.format"
    case redirectTypeInvalid = "redirect.type"
    case reserveTimeoutFormat = "reserve.timeout.format"
    case reserveTimeoutRange = "reserve.timeout.range"
    case timeoutFloatTail = "reserve.timeout.float_tail"
    // Rules of the API document
    case nothingToSet = "row.nothing_to_set"
    case displaySourceRequired = "display.source.required"
    case redirectNumberRequired = "redirect.number.required"
    case reserveNumberRequired = "reserve.number.required"
    case reserveTimeoutRequired = "reserve.timeout.required"
    case reservePrimaryRequired = "reserve.primary.required"
    case redirectLoop = "redirect.loop"
    case reserveLoop = "reserve.loop"
    case reserveSameAsPrimary = "reserve.same_as_primary"
    // Across rows
    case duplicateConflict = "duplicate.conflict"
    case duplicateIdentical = "duplicate.identical"
    // Live state and inventory
    case numberUnknown = "live.number_unknown"
    case freeNumberNeedsSource = "live.free_needs_source"
    case inventoryNotConnected = "inventory.not_connected"
    case inventoryInactive = "inventory.inactive"
    case inventoryInUse = "inventory.in_use"

    /// How bad the problem is unless the reporter says otherwise.
    public var defaultSeverity: Severity {
        switch self {
        case .headerUnknown, .jsonUnknownKey, .rowExtraCells, .duplicateIdentical, .reserveSameAsPrimary, .inventoryInUse:
            return .warning
        case .phoneNormalized, .phoneFloatTail, .timeoutFloatTail, .rowEmpty, .headerUnknownEmpty, .headerTitleRows,
             .phoneCountryAdded:
            return .note
        default:
            return .error
        }
    }

    /// The catalogue key of the problem's message: `problem.<code>`.
    public var messageKey: String { "problem." + rawValue }

    /// The kind of problem in a few words (`problem.title.<code>`), for lists grouped by code.
    public var title: Message { Message("problem.title." + rawValue) }
}
