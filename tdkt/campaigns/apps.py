from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "tdkt.campaigns"
    label = "campaigns"
    verbose_name = "Phong trào thi đua"
