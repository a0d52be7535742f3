"""Thông báo of Ban Thường vụ Đoàn trường Đại học Công nghệ TP. Hồ Chí Minh (2017), built with the Python API.

The same document as ``thong_bao_khen_thuong_hutech.yaml``, written with the
English field names, in the Đoàn profile. The opening, the three numbered parts,
the notes and the last sentence are those of the published notice
(https://www.hutech.edu.vn/doantn/thong-bao-doan-thanh-nien-nam-2016-2017/14562508-tb-khen-thuong-cong-tac-doan-va-phong-trao-thanh-nien-nam-hoc-2016-2017);
the number, date, recipients and signer are illustrative. Run it from any
directory; it writes ``thong-bao-khen-thuong-hutech.docx`` there:

    python3 thong_bao_khen_thuong_hutech.py
"""

from datetime import date

from vanban import Bullet, Issuer, Paragraph, Recipient, Section, Signer, ThongBao, render

SCHOOL_UNIONS = "Ban Chấp hành Đoàn khoa/viện"


def bullets(*texts: str) -> list[Bullet]:
    return [Bullet(text=text) for text in texts]


def build() -> ThongBao:
    """The notice: parts numbered 1., 2., 3. as published (no Roman level)."""
    return ThongBao(
        issuer=Issuer(parent=["Thành đoàn", "TP. Hồ Chí Minh"],
                      name=["BCH Đoàn trường", "Đại học Công nghệ", "TP. Hồ Chí Minh"], code="ĐTN"),
        number=27,  # illustrative
        place="TP. Hồ Chí Minh",
        date=date(2017, 4, 20),  # illustrative
        title="Khen thưởng công tác Đoàn và phong trào thanh niên năm học 2016 - 2017",
        section_numbering="so",
        content=[
            Paragraph(text="Nhằm kịp thời tuyên dương, khen thưởng các tập thể và cá nhân có thành tích xuất "
                           "sắc trong công tác Đoàn và phong trào thanh niên năm học 2016 – 2017, Ban Thường vụ "
                           "Đoàn trường thông báo đến các cơ sở Đoàn việc thực hiện công tác khen thưởng Tổng kết "
                           "công tác Đoàn và phong trào thanh niên năm học 2016 - 2017 như sau:"),
            Section(title="Hình thức khen thưởng:", children=bullets(
                "Bằng khen Trung ương Đoàn;", "Giấy khen Thành Đoàn;", "Giấy khen Đoàn trường.")),
            Section(title="Tiêu chuẩn chung: (xem chi tiết trong thông báo)"),
            Section(title="Hồ sơ, thủ tục:", children=bullets(
                f"Công văn đề nghị khen thưởng của {SCHOOL_UNIONS}.",
                f"Biên bản họp xét khen thưởng của {SCHOOL_UNIONS}.",
                "Danh sách của từng hình thức khen thưởng (Bằng khen Trung ương Đoàn, Giấy khen Thành Đoàn, "
                "Đoàn trường), trong đó có tóm tắt thành tích của từng cá nhân, tập thể được đề nghị (biểu mẫu "
                "đính kèm).",
                "Bản báo cáo thành tích của từng cá nhân, tập thể được đề nghị khen thưởng các cấp. Đối với hồ "
                "sơ đề nghị khen thưởng cấp Trung ương Đoàn thì lập thành 2 bản gửi (biểu mẫu đính kèm).",
            )),
            Paragraph(text="**LƯU Ý:**"),
            *bullets(
                "Mỗi cá nhân, tập thể chỉ được đề xuất khen thưởng một trong các hình thức trên.",
                "Hồ sơ đề nghị gửi về Văn phòng Đoàn trường và đồng thời gửi tập tin theo địa chỉ hộp thư điện "
                "tử doanthanhnien@hutech.edu.vn trước 16g30 ngày 05/05/2017.",
                "Văn phòng Đoàn trường sẽ không tiếp nhận các hồ sơ đề nghị khen thưởng không đầy đủ thủ tục và "
                "quá thời gian quy định.",
            ),
            Paragraph(text="Ban Thường vụ Đoàn trường đề nghị các Đoàn cơ sở thực hiện tốt nội dung thông báo."),
        ],
        recipients=[Recipient(name="Các Đoàn cơ sở")],  # illustrative
        archive="VP",  # illustrative
        signer=Signer(authority="TM.", on_behalf_of="Ban Thường vụ Đoàn trường", position="Bí thư",
                      name="Nguyễn Văn An"),  # illustrative
    )


if __name__ == "__main__":
    path = render(build(), "thong-bao-khen-thuong-hutech.docx", overwrite=True)
    print(f"Đã tạo {path}")
