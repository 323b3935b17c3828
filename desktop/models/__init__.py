"""Qt item models over the shop's data: they hold row ids and fetch rows lazily, in pages."""
