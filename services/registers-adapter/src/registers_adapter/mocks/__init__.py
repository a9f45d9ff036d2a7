"""Mock upstreams that speak the real registers' contracts (BRP API Personen 2.7.0, KVK Basisprofiel v1, a
Suwinet JSON façade and the municipality's own Tozo/Bbz registration). They are mounted outside the /v1
contract of this service, under /mock/..., and read the synthetic personas."""
