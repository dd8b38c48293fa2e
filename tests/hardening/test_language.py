"""Non-English articles are skipped with a reason naming the detected language."""

from __future__ import annotations

import pytest

from dyadwatch.errors import InputRejected
from dyadwatch.ingest.documents import RawDocument, prepare_article

PARAGRAPHS = {
    "fr": (
        "Le secrétaire d'État américain Antony Blinken s'est rendu à Pékin dimanche pour une visite de deux "
        "jours, la première d'un chef de la diplomatie américaine en Chine depuis cinq ans. Les deux pays "
        "cherchent à apaiser les tensions sur Taïwan, le commerce et les technologies, selon des responsables."
    ),
    "de": (
        "US-Außenminister Antony Blinken ist am Sonntag zu einem zweitägigen Besuch in Peking eingetroffen. "
        "Es ist die erste Reise eines amerikanischen Chefdiplomaten nach China seit fünf Jahren. Beide Seiten "
        "wollen die Spannungen um Taiwan, den Handel und die Technologie abbauen, hieß es aus Regierungskreisen."
    ),
    "es": (
        "El secretario de Estado estadounidense, Antony Blinken, llegó el domingo a Pekín para una visita de "
        "dos días, la primera de un jefe de la diplomacia de Estados Unidos a China en cinco años. Ambos "
        "países buscan reducir las tensiones sobre Taiwán, el comercio y la tecnología, según funcionarios."
    ),
    "zh": (
        "美国国务卿布林肯周日抵达北京，开始为期两天的访问，这是五年来美国最高外交官首次访华。"
        "据官员透露，双方希望缓和在台湾、贸易和科技问题上的紧张关系，并恢复两国之间的沟通渠道。"
        "分析人士认为，此次访问不太可能带来重大突破，但有助于稳定双边关系。"
    ),
    "ar": (
        "وصل وزير الخارجية الأمريكي أنتوني بلينكن إلى بكين يوم الأحد في زيارة تستمر يومين، هي الأولى لكبير "
        "الدبلوماسيين الأمريكيين إلى الصين منذ خمس سنوات. ويسعى البلدان إلى تخفيف التوترات بشأن تايوان "
        "والتجارة والتكنولوجيا، بحسب مسؤولين، فيما يرى محللون أن الزيارة قد تساعد على استقرار العلاقات."
    ),
    "ru": (
        "Госсекретарь США Энтони Блинкен в воскресенье прибыл в Пекин с двухдневным визитом, первым для главы "
        "американской дипломатии в Китае за пять лет. Стороны стремятся снизить напряженность вокруг Тайваня, "
        "торговли и технологий, сообщили официальные лица. Аналитики не ожидают крупного прорыва."
    ),
}


@pytest.mark.parametrize("lang", sorted(PARAGRAPHS))
def test_language_non_english_article_rejected_with_language(lang: str) -> None:
    text = "Headline of the day\n\n" + PARAGRAPHS[lang] + "\n\n" + PARAGRAPHS[lang]
    with pytest.raises(InputRejected) as info:
        prepare_article(RawDocument(text=text))
    assert f"not English prose (detected language '{lang}')" in info.value.message


@pytest.mark.parametrize("lang", ["fr", "zh"])
def test_language_non_english_html_rejected_with_language(lang: str) -> None:
    html = f"<html><head><title>T</title></head><body><article><p>{PARAGRAPHS[lang]}</p><p>{PARAGRAPHS[lang]}</p></article></body></html>"
    with pytest.raises(InputRejected, match=f"detected language '{lang}'"):
        prepare_article(RawDocument(html=html))


def test_language_english_with_foreign_quote_is_kept() -> None:
    text = (
        "Foreign Minister Wang Yi met Antony Blinken in Beijing on Monday, officials said. "
        "The two sides agreed to keep talking about Taiwan and trade. "
        f"A French diplomat summed it up: \u201c{PARAGRAPHS['fr'][:120]}\u201d"
    )
    assert prepare_article(RawDocument(text=text)).language == "en"
