"""ShelfWise core: everything the app knows and computes. Never imports Qt."""
