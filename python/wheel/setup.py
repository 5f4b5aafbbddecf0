"""The waymark wheel's metadata. build-wheel.sh copies this beside a staged `waymark/` package
folder that holds, besides the Python files and the compiled module, the waymark command, the
core libraries, the bundled plugins and policies: the package folder is an install prefix, so
everything finds everything else relative to itself, as after `cmake --install`."""

import os

from setuptools import setup
from setuptools.dist import Distribution


class BinaryDistribution(Distribution):
    """Compiled for one Python and one platform: the wheel's tag says so."""

    def has_ext_modules(self):
        return True


def package_files():
    """Every file under waymark/ except the Python sources setuptools finds itself."""
    found = []
    for folder, _, files in os.walk("waymark"):
        for name in files:
            if not name.endswith(".py"):
                found.append(os.path.relpath(os.path.join(folder, name), "waymark"))
    return found


setup(
    name="waymark",
    version=os.environ["WAYMARK_WHEEL_VERSION"],
    description="Guided walk-throughs of safeguarding policies, and trainers' exercises scored against them",
    long_description=open("README.md", encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    python_requires=">=3.9",
    packages=["waymark"],
    package_data={"waymark": package_files()},
    extras_require={"dataframes": ["pandas"]},
    distclass=BinaryDistribution,
    zip_safe=False,
)
