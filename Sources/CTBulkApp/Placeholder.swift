// Placeholder: CTBulkApp
