"""Password change and reset: Django's views, with the write through our service (audited)."""

from __future__ import annotations

from axes.utils import reset as axes_reset
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.http import HttpResponse, HttpResponseRedirect

from .services import password_set_own


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form) -> HttpResponse:
        user = password_set_own(actor=self.request.user, user=form.user,
                                password=form.cleaned_data["new_password1"], how="changed")
        update_session_auth_hash(self.request, user)  # this session stays signed in; the others end
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form) -> HttpResponse:
        # The link's token proves the mailbox: the account acts on itself.
        password_set_own(actor=form.user, user=form.user, password=form.cleaned_data["new_password1"], how="reset")
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        # Whoever proved the mailbox may sign in again at once, not after the lockout's cool-off.
        axes_reset(username=form.user.get_username())
        return HttpResponseRedirect(self.get_success_url())
