"""analyser: read research articles and grade ML analyses of them."""

__version__ = "0.1.0"
