// Placeholder: UISDataAPI
