"""Quyết định 112-NV of the Bộ Nội vụ (1961), built with the Python API.

The same document as ``quyet_dinh_112_bnv.yaml``, written with the English field
names, in the State profile (Nghị định 30/2020/NĐ-CP). The words, number, date,
basis, articles and signer are those of the published decision
(https://tailieu.vn/doc/quyet-dinh-so-112-nv-119169.html); the archive line is
illustrative. Run it from any directory; it writes ``quyet-dinh-112-bnv.docx`` there:

    python3 quyet_dinh_112_bnv.py
"""

from datetime import date

from vanban import Article, Issuer, Paragraph, QuyetDinh, Signer, render

COMMITTEE = "Ủy ban thiếu niên, nhi đồng Việt Nam"


def build() -> QuyetDinh:
    """The decision: its last article names who carries it out (``execution``)."""
    return QuyetDinh(
        profile="nha-nuoc",
        issuer=Issuer(name=["Bộ Nội vụ"], code="BNV"),
        number=112,
        place="Hà Nội",
        date=date(1961, 5, 2),
        title="Cho phép Ủy ban Thiếu niên, nhi đồng Việt Nam thành lập và hoạt động",
        authority="Bộ trưởng Bộ Nội vụ",
        bases=[
            "Xét đơn của Ban Chấp hành trung ương đoàn Thanh niên lao động Việt Nam xin thành lập "
            f"{COMMITTEE} (số 117-VP/TN, ngày 12 tháng 03 năm 1961)",
        ],
        articles=[
            Article(
                article=f"Nay cho phép {COMMITTEE} thành lập và hoạt động trong phạm vi luật lệ hiện "
                        "hành và theo bản nội quy đã được duyệt.",
                children=[
                    Paragraph(text=f"{COMMITTEE} là một tổ chức quần chúng có nhiệm vụ phụ trách việc "
                                   "giáo dục thiếu niên, nhi đồng một cách toàn diện và chỉ đạo phong "
                                   "trào thiếu niên, nhi đồng trong cả nước."),
                    Paragraph(text=f"{COMMITTEE} được thành lập từ trung ương đến cấp huyện. Ở trung "
                                   "ương, khu, thành phố, tỉnh, huyện, có Ủy ban thiếu niên, nhi đồng "
                                   "trung ương, khu, thành phố, tỉnh, huyện. Ở xã, có Ban thiếu nhi xã."),
                ],
            ),
        ],
        execution=f"Ông Vụ trưởng Vụ Dân chính và Thương binh, Bộ Nội vụ và {COMMITTEE}",
        archive="VT",  # illustrative: the published copy leaves out Nơi nhận
        signer=Signer(authority="KT.", on_behalf_of="Bộ trưởng Bộ Nội vụ", position="Thứ trưởng",
                      name="Lê Tất Đắc"),
    )


if __name__ == "__main__":
    path = render(build(), "quyet-dinh-112-bnv.docx", overwrite=True)
    print(f"Đã tạo {path}")
