#!/bin/sh
# Print the path of a Python 3.12+ interpreter, or explain how to get one and fail.
for candidate in python3.12 python3.13 python3.14 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
        "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then
        "$candidate" -c 'import sys; print(sys.executable)'
        exit 0
    fi
done
# pyenv installs versions that its shims hide unless selected: look there too.
if command -v pyenv >/dev/null 2>&1; then
    for version in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.1[2-9](\.[0-9]+)?$' | sort -V); do
        path=$(PYENV_VERSION="$version" pyenv which python 2>/dev/null) && [ -x "$path" ] && {
            echo "$path"
            exit 0
        }
    done
fi
echo "CoWorkMed Hub needs Python 3.12 or newer, and none was found." >&2
echo "Install it (Debian/Ubuntu: apt install python3.12 python3.12-venv; or pyenv install 3.12)," >&2
echo "or run: make run PYTHON=/path/to/python3.12" >&2
exit 1
