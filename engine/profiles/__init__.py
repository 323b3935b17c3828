"""Customer profiles: behaviour features, the GRU sequence model, training and incremental updates."""
