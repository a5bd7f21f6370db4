from django.apps import AppConfig


class ZhanaozenConfig(AppConfig):
    name = "zhanaozen"
    verbose_name = "Zhanaozen"
