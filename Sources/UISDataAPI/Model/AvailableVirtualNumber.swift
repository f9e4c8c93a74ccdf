/// A number that can be connected, as `get.available_virtual_numbers` returns it. Every field is optional.
public struct AvailableVirtualNumber: UISRecord {
    public static let methodName = "get.available_virtual_numbers"
    public static let documentedFields = [
        "phone_number", "category", "location_mnemonic", "location_name", "onetime_payment", "monthly_charge",
        "min_charge",
    ]
    /// Documented `category` values (no platinum here).
    public static let categories: [UISEnumValue] = ["usual", "bronze", "silver", "gold"]

    public var phoneNumber: String?
    public var category: UISEnumValue?
    public var locationMnemonic: String?
    public var locationName: String?
    /// Connection cost.
    public var onetimePayment: Double?
    public var monthlyCharge: Double?
    /// Minimal charge per month.
    public var minCharge: Double?

    /// A record with the given fields.
    public init(phoneNumber: String? = nil, category: UISEnumValue? = nil, locationMnemonic: String? = nil,
                locationName: String? = nil, onetimePayment: Double? = nil, monthlyCharge: Double? = nil,
                minCharge: Double? = nil) {
        self.phoneNumber = phoneNumber; self.category = category; self.locationMnemonic = locationMnemonic
        self.locationName = locationName; self.onetimePayment = onetimePayment; self.monthlyCharge = monthlyCharge
        self.minCharge = minCharge
    }

    enum CodingKeys: String, CodingKey {
        case phoneNumber = "phone_number", category, locationMnemonic = "location_mnemonic"
        case locationName = "location_name", onetimePayment = "onetime_payment", monthlyCharge = "monthly_charge"
        case minCharge = "min_charge"
    }

    /// Decodes leniently: money may come as a number or a numeric string.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        phoneNumber = try c.decodeIfPresent(String.self, forKey: .phoneNumber)
        category = try c.decodeIfPresent(UISEnumValue.self, forKey: .category)
        locationMnemonic = try c.decodeIfPresent(String.self, forKey: .locationMnemonic)
        locationName = try c.decodeIfPresent(String.self, forKey: .locationName)
        onetimePayment = c.lenientDouble(.onetimePayment)
        monthlyCharge = c.lenientDouble(.monthlyCharge)
        minCharge = c.lenientDouble(.minCharge)
    }

    /// The method has no `id`: the phone number identifies a record.
    public var deduplicationKey: String? { phoneNumber }

    public static let fieldTypes: [String: UISFieldType] = [
        "phone_number": .string, "category": .string, "location_mnemonic": .string, "location_name": .string,
        "onetime_payment": .number, "monthly_charge": .number, "min_charge": .number,
    ]
}
