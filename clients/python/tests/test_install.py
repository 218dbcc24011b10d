"""`pip install -e clients/python` works: in a fresh virtual environment, the package
installs from its pyproject.toml and imports from anywhere.

    python3 -m unittest discover -s clients/python/tests
"""

import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.normpath(os.path.join(HERE, ".."))


class EditableInstallTests(unittest.TestCase):
    def test_pip_install_editable_in_a_fresh_venv(self):
        with tempfile.TemporaryDirectory() as folder:
            venv = os.path.join(folder, "venv")
            # The user's command, as README gives it: pip fetches setuptools for the build
            # (.ci/run installs python3-venv; PyPI is reachable there).
            subprocess.run([sys.executable, "-m", "venv", venv], check=True)
            python = os.path.join(venv, "bin", "python")
            install = subprocess.run([python, "-m", "pip", "install", "-q", "-e", PACKAGE],
                                     capture_output=True, text=True)
            self.assertEqual(install.returncode, 0, install.stderr)
            probe = subprocess.run([python, "-c", "import nasreplay; print(nasreplay.PROTOCOL_VERSION, nasreplay.__file__)"],
                                   cwd=folder, capture_output=True, text=True)
            self.assertEqual(probe.returncode, 0, probe.stderr)
            version, path = probe.stdout.split()
            self.assertEqual(int(version), 1)
            # Editable: the import is this checkout's source, not a copy.
            self.assertEqual(os.path.dirname(path), os.path.join(PACKAGE, "nasreplay"))


if __name__ == "__main__":
    unittest.main()
