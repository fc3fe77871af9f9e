"""WhiteNoise for the test suite: one scan of STATIC_ROOT per process instead of one per test client.

Django's test client builds the middleware chain anew for every `Client()`, and WhiteNoise's middleware reads the
whole of STATIC_ROOT when it is built (about 900 files: a stat, the compressed variants and the headers of each,
0.1 to 0.4 s of CPU). Hundreds of clients made that about two fifths of the time of the page tests. A process
serving the site builds its middleware once, so production is unchanged: this class only remembers the files
dictionary of a scan, for the same folder and the same WhiteNoise configuration, and hands it to the next client.
"""

from whitenoise.middleware import WhiteNoiseMiddleware


def _function(value):
    return getattr(value, "__func__", value)


class OnceScannedWhiteNoiseMiddleware(WhiteNoiseMiddleware):
    _scans = {}

    def _configuration(self, root, prefix):
        return (
            root,
            prefix,
            self.max_age,
            self.allow_all_origins,
            self.charset,
            self.index_file,
            _function(self.add_headers_function),
            _function(self.immutable_file_test),
            tuple(sorted(self.media_types.types_map.items())),
        )

    def update_files_dictionary(self, root, prefix):
        key = self._configuration(root, prefix)
        if key not in self._scans:
            before = dict(self.files)
            super().update_files_dictionary(root, prefix)
            self._scans[key] = {url: file for url, file in self.files.items() if before.get(url) is not file}
        self.files.update(self._scans[key])
