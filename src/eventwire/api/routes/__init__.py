"""One module per resource; each only parses parameters, calls the library and shapes the answer."""
