"""Tờ trình on the Quảng Nam form "Mẫu số 1" (đề nghị tặng Giấy khen), built with the Python API.

The same document as ``to_trinh_khen_thuong_quang_nam.yaml``, written with the
English field names, in the State profile. The trích yếu, addressee, bases, the
proposal sentence, the attachment line and Nơi nhận follow the published form
(https://fliphtml5.com/dlsje/otuy/Th%E1%BB%A7_t%E1%BB%A5c_h%C3%A0nh_ch%C3%ADnh_lxinh_v%E1%BB%B1c_thi_%C4%91ua/31);
the blanks of the form (body, number, date, the people proposed, signer) are
filled in for illustration. Run it from any directory; it writes
``to-trinh-khen-thuong-quang-nam.docx`` there:

    python3 to_trinh_khen_thuong_quang_nam.py
"""

from datetime import date

from vanban import Issuer, NumberedList, Paragraph, Recipient, Signer, ToTrinh, render

LAW = "Luật Thi đua, khen thưởng"


def build() -> ToTrinh:
    """The submission: one addressee after Kính gửi, so Nơi nhận opens with "- Như trên;"."""
    return ToTrinh(
        profile="nha-nuoc",
        issuer=Issuer(parent=["Ủy ban nhân dân", "huyện Thăng Bình"], name=["Ủy ban nhân dân", "xã Bình An"],
                      code="UBND"),  # illustrative
        number=12,  # illustrative
        place="Bình An",
        date=date(2023, 12, 15),  # illustrative
        title="V/v đề nghị tặng Giấy khen của Chủ tịch UBND huyện",
        addressees=["Chủ tịch Ủy ban nhân dân huyện Thăng Bình"],
        bases=[
            f"Căn cứ {LAW} ngày 26/11/2003; Luật sửa đổi, bổ sung một số điều của {LAW} ngày 14/6/2005; "
            f"Luật sửa đổi, bổ sung một số điều của {LAW} ngày 16/11/2013",
            f"Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ quy định một số điều của {LAW}",
            "Căn cứ Quyết định số 11/2021/QĐ-UBND ngày 29/7/2021 của UBND tỉnh Quảng Nam về việc Ban hành Quy "
            "chế công tác thi đua, khen thưởng",
        ],
        content=[
            Paragraph(text="Căn cứ thành tích của Đoàn Thanh niên xã Bình An đã được Hội đồng Thi đua - Khen "
                           "thưởng xã Bình An xét duyệt và thông qua. Ủy ban nhân dân xã Bình An kính đề nghị Chủ "
                           "tịch Ủy ban nhân dân huyện quyết định tặng Giấy khen cho 01 tập thể, 02 cá nhân, gồm:"),
            NumberedList(items=["Đoàn Thanh niên xã Bình An.", "Ông Nguyễn Văn A, Bí thư Đoàn xã.",
                                "Bà Trần Thị B, Phó Bí thư Đoàn xã."]),
            Paragraph(text="Đã có thành tích xuất sắc trong phong trào thanh niên tình nguyện năm 2023."),
            Paragraph(text="(Có báo cáo thành tích kèm theo)"),
        ],
        recipients=[Recipient(name="Phòng Nội vụ")],
        archive="VT",
        signer=Signer(authority="TM.", on_behalf_of="Ủy ban nhân dân", position="Chủ tịch", name="Lê Văn C"),
    )


if __name__ == "__main__":
    path = render(build(), "to-trinh-khen-thuong-quang-nam.docx", overwrite=True)
    print(f"Đã tạo {path}")
