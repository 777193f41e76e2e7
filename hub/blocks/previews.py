"""Values for the block picker's previews that come from the media libraries."""


def first_image():
    from wagtail.images import get_image_model

    return get_image_model().objects.order_by("pk").first()


def first_document():
    from wagtail.documents import get_document_model

    return get_document_model().objects.order_by("pk").first()
