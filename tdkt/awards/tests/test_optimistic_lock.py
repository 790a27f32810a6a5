import pytest

from tdkt.awards import services
from tdkt.awards.models import Proposal
from tdkt.awards.services import StaleProposal


def test_second_editor_is_told(aw):
    first = Proposal.objects.get(pk=aw.proposal.pk)
    second = Proposal.objects.get(pk=aw.proposal.pk)
    services.item_add(actor=aw.w.users.officer_a, proposal=first, award_type=aw.types["giay-khen"],
                      person=aw.w.binh, summary="Người thứ nhất", expected_version=first.version)
    count = first.items.count()
    with pytest.raises(StaleProposal, match="vừa được người khác cập nhật"):
        services.item_add(actor=aw.w.users.officer_a, proposal=second, award_type=aw.types["giay-khen"],
                          person=aw.w.binh, summary="Người thứ hai", expected_version=second.version)
    assert first.items.count() == count
