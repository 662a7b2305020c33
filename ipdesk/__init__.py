"""ipdesk: offline access to China's open IP data for township service centres and kiosks."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ipdesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
