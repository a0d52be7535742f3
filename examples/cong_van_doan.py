"""Công văn of Ban Thường vụ Tỉnh đoàn Quảng Ninh (2019), built with the Python API.

The same document as ``cong_van_doan.yaml``, written with the English field
names, in the Đoàn profile (Hướng dẫn 29-HD/TWĐTN-VP). The facts come from the
news report "Tỉnh đoàn Quảng Ninh hỗ trợ thanh niên yếu thế" (2019); the number,
the date, the reporting deadline and the signer's name are illustrative. Run it
from any directory; it writes ``cong-van-doan.docx`` there:

    python3 cong_van_doan.py
"""

from datetime import date

from vanban import Bullet, CongVan, Issuer, Paragraph, Recipient, Signer, render


def build() -> CongVan:
    """The letter: several addressees, so Kính gửi is a list of "- ...;" lines."""
    return CongVan(
        issuer=Issuer(name=["BCH Đoàn tỉnh Quảng Ninh"], code="TĐTN"),
        drafting_unit="ĐKTHTN",
        number=456,
        place="Quảng Ninh",
        date=date(2019, 11, 25),
        title="báo cáo kết quả hỗ trợ, giúp đỡ thanh thiếu niên yếu thế năm 2019",
        addressees=[
            "Ban Thường vụ các huyện, thị, thành đoàn",
            "Ban Thường vụ các Đoàn trực thuộc Tỉnh đoàn",
        ],
        content=[
            Paragraph(
                text="Thực hiện Hướng dẫn số 23-HD/TĐTN-ĐKTHTN ngày 24/10/2019 của Ban Thường "
                "vụ Tỉnh đoàn về việc Đoàn thanh niên tham gia hỗ trợ, giúp đỡ thanh thiếu niên "
                "yếu thế, giai đoạn 2019 - 2022, trong năm 2019 các cấp bộ Đoàn đã tuyên truyền, "
                "kêu gọi toàn xã hội quan tâm đến công tác hỗ trợ, giúp đỡ thanh thiếu niên yếu "
                "thế tại 38 địa bàn dân cư; Tỉnh đoàn phối hợp với Sở Tư pháp tổ chức Hội nghị "
                "tuyên truyền phổ biến giáo dục pháp luật tại Cơ sở cai nghiện ma túy tỉnh Quảng "
                "Ninh ngày 08/11/2019 cho 200 học viên; Ban Thường vụ Tỉnh đoàn, Hội Liên hiệp "
                "thanh niên Việt Nam tỉnh vận động nguồn lực hỗ trợ 10 nhà nhân ái cho gia đình "
                "thanh niên dân tộc huyện Ba Chẽ."
            ),
            Paragraph(
                text="Để tổng hợp, đánh giá kết quả năm 2019, Ban Thường vụ Tỉnh đoàn đề nghị "
                "Ban Thường vụ các đơn vị báo cáo kết quả hỗ trợ, giúp đỡ thanh thiếu niên yếu "
                "thế tại đơn vị, gồm các nội dung sau:"
            ),
            Bullet(
                text="Kết quả tuyên truyền, kêu gọi toàn xã hội quan tâm đến công tác hỗ trợ, "
                "giúp đỡ thanh thiếu niên yếu thế tại địa bàn dân cư (số địa bàn, số thanh thiếu "
                "niên được hỗ trợ)."
            ),
            Bullet(
                text="Các mô hình, câu lạc bộ hỗ trợ thanh thiếu niên yếu thế đang duy trì; kết "
                "quả phối hợp với các đoàn thể chính trị địa phương, cơ quan chức năng tạo điều "
                "kiện cho thanh niên phát triển kinh tế."
            ),
            Bullet(
                text="Các hoạt động thăm hỏi, động viên, lắng nghe tâm tư nguyện vọng của gia "
                "đình và thanh niên sau khi ra tù; các hoạt động văn hóa văn nghệ - thể dục thể "
                "thao, tình nguyện vì cuộc sống cộng đồng lồng ghép trong sinh hoạt Đoàn."
            ),
            Bullet(
                text="Nguồn lực đã vận động để hỗ trợ thanh niên yếu thế, trong đó:",
                children=[
                    "Số nhà nhân ái đã hỗ trợ, tổng giá trị hỗ trợ;",
                    "Số thanh niên được vay vốn từ ngân hàng chính sách, nguồn vốn 120 giúp "
                    "thanh niên có việc làm.",
                ],
            ),
            Bullet(text="Khó khăn, vướng mắc; đề xuất, kiến nghị và phương hướng năm 2020."),
            Paragraph(
                text="Báo cáo của các đơn vị gửi về Ban Thường vụ Tỉnh đoàn (qua Ban Đoàn kết "
                "tập hợp thanh niên) trước ngày 10/12/2019."
            ),
        ],
        closing="Ban Thường vụ Tỉnh đoàn đề nghị Ban Thường vụ các đơn vị quan tâm, thực hiện "
        "đúng nội dung và thời gian quy định",
        recipients=[
            Recipient(name="Ban Đoàn kết tập hợp thanh niên Trung ương Đoàn", purpose="để b/c"),
            Recipient(name="Thường trực Tỉnh đoàn", purpose="để b/c"),
        ],
        archive="ĐKTHTN, VP",
        signer=Signer(
            authority="TM.",
            on_behalf_of="Ban Thường vụ Tỉnh đoàn",
            position="Phó Bí thư",
            name="Trần Thị Bình",  # illustrative
        ),
    )


if __name__ == "__main__":
    path = render(build(), "cong-van-doan.docx", overwrite=True)
    print(f"Đã tạo {path}")
