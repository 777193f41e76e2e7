"""Third-party front-end files served from their pinned Python packages, never copied in.

Leaflet and Leaflet.markercluster come from the XStatic packages listed in
requirements/base.in. Only the files the site uses are exposed, under ``vendor/``:
``{% static 'vendor/leaflet/leaflet.js' %}``. The packages also ship source maps, one of
which is missing from its package (the minified clustering script points to a map it
does not ship), so exposing whole folders would break ``collectstatic`` with hashed names.
"""

from pathlib import Path

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage
from django.utils.module_loading import import_string


def _package_dir(module: str) -> Path:
    return Path(import_string(f"{module}.BASE_DIR"))


# prefix under STATIC_URL -> (XStatic module, the files it contributes)
VENDOR_FILES = {
    "vendor/leaflet": (
        "xstatic.pkg.leaflet",
        [
            "leaflet.js",
            "leaflet.js.map",
            "leaflet.css",
            "images/layers.png",
            "images/layers-2x.png",
            "images/marker-icon.png",
            "images/marker-icon-2x.png",
            "images/marker-shadow.png",
        ],
    ),
    "vendor/leaflet-markercluster": (
        "xstatic.pkg.leaflet_markercluster",
        [
            "leaflet.markercluster-src.js",
            "leaflet.markercluster-src.js.map",
            "MarkerCluster.css",
            "MarkerCluster.Default.css",
        ],
    ),
}


class VendorFinder(BaseFinder):
    """Finds the listed files of the XStatic packages under their ``vendor/`` prefix."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storages = {}
        for prefix, (module, files) in VENDOR_FILES.items():
            storage = FileSystemStorage(location=_package_dir(module))
            storage.prefix = prefix
            self.storages[prefix] = (storage, files)

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        matches = []
        for prefix, (storage, files) in self.storages.items():
            if path.startswith(f"{prefix}/") and path[len(prefix) + 1 :] in files:
                match = storage.path(path[len(prefix) + 1 :])
                if not find_all:
                    return match
                matches.append(match)
        return matches if find_all else []

    def list(self, ignore_patterns):
        for storage, files in self.storages.values():
            for name in files:
                yield name, storage
