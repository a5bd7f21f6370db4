from django.contrib import admin
from django.shortcuts import redirect
from django.urls import path, reverse

from .models import EditorProfile


@admin.register(EditorProfile)
class EditorProfileAdmin(admin.ModelAdmin):
    """Each editor sets their own public credit; superusers see everyone's.

    An editor who opens "Editors' profiles" lands on their own (``…/editorprofile/mine/``), and can
    neither see nor change another's."""

    list_display = ["user", "credit_as"]
    search_fields = ["user__username", "credit_as"]
    fields = ["user", "credit_as"]

    def get_urls(self):
        mine = path("mine/", self.admin_site.admin_view(self.mine_view), name="editors_editorprofile_mine")
        return [mine, *super().get_urls()]

    def mine_view(self, request):
        """The signed-in editor's own profile: its form, or a new one when there is none yet."""
        profile = EditorProfile.objects.filter(user=request.user).first()
        if profile is None:
            return redirect("admin:editors_editorprofile_add")
        return redirect("admin:editors_editorprofile_change", profile.pk)

    def changelist_view(self, request, extra_context=None):
        if not request.user.is_superuser:
            return redirect(reverse("admin:editors_editorprofile_mine"))
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("user")
        return queryset if request.user.is_superuser else queryset.filter(user=request.user)

    def get_readonly_fields(self, request, obj=None):
        return [] if request.user.is_superuser else ["user"]

    def get_fields(self, request, obj=None):
        # An editor's new profile is their own: no choice of user to make.
        if obj is None and not request.user.is_superuser:
            return ["credit_as"]
        return super().get_fields(request, obj)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.user = request.user
        super().save_model(request, obj, form, change)

    def _is_own(self, request, obj) -> bool:
        return request.user.is_active and request.user.is_staff and (obj is None or obj.user_id == request.user.pk)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or self._is_own(request, obj)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser or self._is_own(request, obj)

    def has_add_permission(self, request):
        if request.user.is_superuser:
            return True
        return self._is_own(request, None) and not EditorProfile.objects.filter(user=request.user).exists()

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
