// Placeholder: CTBulkEngine
