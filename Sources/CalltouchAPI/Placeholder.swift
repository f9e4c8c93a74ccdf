// Placeholder: CalltouchAPI
