"""Nghị quyết 103/NQ-HĐND of Hội đồng nhân dân tỉnh Hà Tĩnh (2022), abridged, built with the Python API.

The same document as ``nghi_quyet_103_hdnd_ha_tinh.yaml``, written with the
English field names, in the State profile. The number, date, issuing authority,
bases and the first words of Điều 1 are those of the published resolution
(https://thuvienphapluat.vn/van-ban/Van-hoa-Xa-hoi/Nghi-quyet-103-NQ-HDND-2022-phat-trien-thanh-nien-Ha-Tinh-2023-2030-568760.aspx);
the execution article, recipients and signer are illustrative. Run it from any
directory; it writes ``nghi-quyet-103-hdnd-ha-tinh.docx`` there:

    python3 nghi_quyet_103_hdnd_ha_tinh.py
"""

from datetime import date

from vanban import Article, Issuer, NghiQuyet, Paragraph, Recipient, Signer, render

COUNCIL = "Hội đồng nhân dân"


def build() -> NghiQuyet:
    """The resolution: a two-line issuing authority (the council, then its term and session)."""
    return NghiQuyet(
        profile="nha-nuoc",
        issuer=Issuer(name=[COUNCIL, "tỉnh Hà Tĩnh"], code="HĐND"),
        number=103,
        place="Hà Tĩnh",
        date=date(2022, 12, 16),
        title="Phát triển thanh niên tỉnh Hà Tĩnh giai đoạn 2023 - 2030",
        authority=f"{COUNCIL} tỉnh Hà Tĩnh\nkhóa XVIII, kỳ họp thứ 11",
        bases=[
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một "
            "số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019",
            "Căn cứ Luật Thanh niên ngày 16 tháng 6 năm 2020",
            "Thực hiện Quyết định số 1331/QĐ-TTg ngày 24 tháng 7 năm 2021 của Thủ tướng Chính phủ ban hành "
            "Chiến lược phát triển thanh niên Việt Nam giai đoạn 2021-2030",
            "Xét Tờ trình số 485/TTr-UBND ngày 12 tháng 12 năm 2022 của Ủy ban nhân dân tỉnh; Báo cáo thẩm tra "
            "số 540/BC-HĐND ngày 13 tháng 12 năm 2022 của Ban Văn hóa - Xã hội và ý kiến thống nhất của đại "
            f"biểu {COUNCIL} tại Kỳ họp",
        ],
        articles=[
            Article(article="**Quan điểm, mục tiêu chung**", children=[Paragraph(
                text="Xây dựng thế hệ thanh niên Hà Tĩnh phát triển toàn diện, giàu lòng yêu nước, có ý chí tự "
                     "cường, tự hào dân tộc, giữ gìn và phát huy truyền thống quê hương Hà Tĩnh; có lý tưởng "
                     "cách mạng, hoài bão, khát vọng vươn lên xây dựng quê hương, đất nước; có đạo đức, ý thức "
                     "công dân, chấp hành pháp luật; có sức khỏe và lối sống lành mạnh; có văn hóa, kiến thức, "
                     "trình độ học vấn, kỹ năng sống, nghề nghiệp và việc làm; có ý chí lập thân, lập nghiệp, "
                     "năng động, sáng tạo, làm chủ khoa học, công nghệ.")]),
        ],
        # illustrative from here on
        execution=f"Ủy ban nhân dân tỉnh, Thường trực {COUNCIL}, các Ban và đại biểu {COUNCIL} tỉnh",
        recipients=[Recipient(name="Ủy ban Thường vụ Quốc hội"), Recipient(name="Chính phủ"),
                    Recipient(name="Bộ Nội vụ")],
        archive="VT",
        signer=Signer(position="Chủ tịch", name="Nguyễn Văn An"),
    )


if __name__ == "__main__":
    path = render(build(), "nghi-quyet-103-hdnd-ha-tinh.docx", overwrite=True)
    print(f"Đã tạo {path}")
