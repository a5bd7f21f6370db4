from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, precompressed static files; ES module imports are rewritten to the hashed names too."""

    support_js_module_import_aggregation = True
