"""Django format modules for the languages whose formats Django lacks or writes wrongly (FORMAT_MODULE_PATH)."""
