from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "tdkt.awards"
    label = "awards"
    verbose_name = "Đề nghị và quyết định khen thưởng"
