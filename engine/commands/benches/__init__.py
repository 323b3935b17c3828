"""One module per `pinpoint bench` sub-command; each defines ``register(bench_subparsers)``."""
