"""Customer profiles: behaviour features, the GRU sequence model, training, incremental updates."""
