"""The development data, apart from the product: the demo data set (`demo`, `manage.py load_demo`), the synthetic
data set of the whole WCO (`scale`, `manage.py seed_scale`) and the benchmark that runs on it (`bench`,
`manage.py bench`; docs/PERFORMANCE.md).

It sits on top of the house, like the project's URLs: it imports all three apps, and no app imports it. It has no
models; it is an installed app only so that Django finds its management commands. The production image leaves out
the benchmark and the scale generator (.dockerignore); the demo loader stays in it, for a try-out of the stack
(docker-compose.yml).
"""
