"""Benchmarks (not tests): `make bench` runs bench.http then bench.scale; see the README's Performance section."""
